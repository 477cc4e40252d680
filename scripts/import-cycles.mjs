// Lists import cycles among our own modules (default: src/), type-only imports included: a knot
// of types still ties two files together. Exits 1 when there is one. Run:
//   node scripts/import-cycles.mjs [dir]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = resolve(root, process.argv[2] ?? 'src');

function listSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined; // a package, not ours
  const path = resolve(dirname(from), specifier);
  return [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts')].find(
    (p) => existsSync(p) && statSync(p).isFile(),
  );
}

/** The module specifiers `file` names: static imports and re-exports, dynamic import() and import types. */
function specifiersOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) found.push(argument.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = listSources(base);
const inBase = new Set(files);
const graph = new Map(
  files.map((file) => [
    file,
    [...new Set(specifiersOf(file).map((s) => resolveImport(file, s)))].filter((p) => inBase.has(p)),
  ]),
);

// Tarjan's strongly connected components: every component of two or more files holds a cycle.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;
function connect(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v)) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(w);
  } while (w !== v);
  if (component.length > 1 || graph.get(v).includes(v)) components.push(component);
}
for (const file of files) if (!index.has(file)) connect(file);

/** One shortest way round from `start` back to itself, inside its component. */
function cycleThrough(start, members) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (w === start) {
        const path = [v];
        for (let p = previous.get(v); p !== undefined; p = previous.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (members.has(w) && !previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const name = (file) => relative(root, file);
if (components.length === 0) {
  console.log(`No import cycles among the ${files.length} modules in ${name(base)}/.`);
} else {
  console.log(`${components.length} import cycle(s) in ${name(base)}/:`);
  for (const component of components) {
    const members = new Set(component);
    const [first] = component.map(name).sort();
    console.log(`- ${component.length} files: ${component.map(name).sort().join(', ')}`);
    console.log(`  e.g. ${cycleThrough(resolve(root, first), members).map(name).join(' -> ')}`);
  }
  process.exitCode = 1;
}
