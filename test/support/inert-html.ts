import { type DefaultTreeAdapterMap, parse } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Attributes whose value a browser follows or fetches: a `javascript:` URL there runs script. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function* elementsOf(node: Node): Generator<Element> {
  if (isElement(node)) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elementsOf(child);
  if (isElement(node) && 'content' in node) yield* elementsOf(node.content);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return ('childNodes' in node ? node.childNodes : []).map(textOf).join('');
}

/**
 * What in a page could run script or make a request the page did not intend: event-handler
 * attributes, inline or foreign scripts, `javascript:` URLs, htmx attributes pointing where our
 * markup never points (`/x`, the payloads' target), and the elements the payloads try to create (our charts are inline SVG, so svg itself is allowed).
 * Returns one line per finding; an empty list means the page is inert.
 */
export function activeMarkupIn(html: string): string[] {
  const findings: string[] = [];
  for (const element of elementsOf(parse(html))) {
    const tag = element.tagName;
    for (const { name, value } of element.attrs) {
      if (name.startsWith('on')) findings.push(`<${tag} ${name}="${value}">`);
      if (URL_ATTRIBUTES.has(name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(value))
        findings.push(`<${tag} ${name}="${value}">`);
      if ((name.startsWith('hx-') || name.startsWith('data-hx-')) && value.trim() === '/x')
        findings.push(`<${tag} ${name}="${value}">`);
    }
    if (tag === 'script') {
      const src = element.attrs.find((a) => a.name === 'src')?.value ?? '';
      if (!src.startsWith('/assets/') || textOf(element).trim() !== '')
        findings.push(`<script src="${src}">${textOf(element)}</script>`);
    }
    if (['iframe', 'object', 'embed', 'base', 'foreignObject', 'math'].includes(tag))
      findings.push(`<${tag}>`);
    if (tag === 'img' && element.attrs.some((a) => a.name === 'src' && a.value === 'x'))
      findings.push('<img src="x">');
  }
  return findings;
}

/** Every text node and attribute value of a page, decoded: where a stored payload shows as text. */
export function visibleTextOf(html: string): string {
  const parts: string[] = [textOf(parse(html))];
  for (const element of elementsOf(parse(html))) for (const a of element.attrs) parts.push(a.value);
  return parts.join('\n');
}
