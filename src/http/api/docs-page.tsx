import { Layout, type PageContext } from '../web/layout.tsx';

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: unknown };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
};
export type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

function schemaText(schema: unknown, doc: OpenApiDocument): string {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const resolved = ref ? doc.components?.schemas?.[ref.split('/').at(-1)!] : schema;
  return JSON.stringify(resolved, null, 2);
}

/**
 * The interactive API reference, rendered from the live OpenAPI document by the app itself (no
 * CDN). Each operation has a small form that calls it with your session or a token you paste.
 */
export function ApiDocsPage(props: { page: PageContext; doc: OpenApiDocument }) {
  const { doc } = props;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'Other'))];
  return (
    <Layout page={props.page} title="API reference">
      <h1 class="mb-2 text-2xl font-semibold">{`${doc.info.title} ${doc.info.version}`}</h1>
      <p class="mb-2">{doc.info.description}</p>
      <p class="mb-6 text-sm">
        <a class="link" href="/api/v1/openapi.json">
          OpenAPI document (JSON)
        </a>
      </p>
      <div class="field mb-6 max-w-md">
        <label for="api-token" class="field-label">
          Token for trying requests (leave empty to use this browser’s session)
        </label>
        <input id="api-token" type="password" class="field-input" autocomplete="off" data-api-token />
      </div>
      {tags.map((tag) => (
        <section class="mb-8" aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} class="mb-3 text-xl font-semibold">
            {tag}
          </h2>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? 'Other') === tag)
            .map(({ path, method, op }) => (
              <details class="card mb-3" id={op.operationId}>
                <summary class="notes-summary font-mono">{`${method.toUpperCase()} /api/v1${path}`}</summary>
                <p class="mt-2 font-medium">{op.summary}</p>
                {op.description ? <p class="mt-1 text-sm">{op.description}</p> : null}
                <form
                  class="mt-3 space-y-2"
                  data-api-try
                  data-method={method.toUpperCase()}
                  data-path={`/api/v1${path}`}
                >
                  {(op.parameters ?? [])
                    .filter((p) => p.in === 'path' || p.in === 'query')
                    .map((p) => (
                      <div class="field">
                        <label
                          class="field-label"
                          for={`${op.operationId}-${p.name}`}
                        >{`${p.name} (${p.in}${p.required ? ', required' : ''})`}</label>
                        <input
                          id={`${op.operationId}-${p.name}`}
                          class="field-input"
                          name={p.name}
                          data-in={p.in}
                        />
                      </div>
                    ))}
                  {op.requestBody?.content?.['application/json'] ? (
                    <div class="field">
                      <label class="field-label" for={`${op.operationId}-body`}>
                        JSON body
                      </label>
                      <textarea
                        id={`${op.operationId}-body`}
                        class="field-input font-mono text-sm"
                        rows={4}
                        name="body"
                      />
                      <details>
                        <summary class="notes-summary text-sm">Body schema</summary>
                        <pre class="overflow-x-auto text-xs">
                          {schemaText(op.requestBody.content['application/json'].schema, doc)}
                        </pre>
                      </details>
                    </div>
                  ) : null}
                  <button type="submit" class="btn-secondary">
                    Send
                  </button>
                  <pre class="overflow-x-auto text-xs" data-api-result aria-live="polite" />
                </form>
                <p class="mt-2 text-sm">{`Responses: ${Object.entries(op.responses ?? {})
                  .map(([status, r]) => `${status} ${r.description ?? ''}`)
                  .join(' · ')}`}</p>
              </details>
            ))}
        </section>
      ))}
    </Layout>
  );
}
