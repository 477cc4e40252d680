import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { operations } from './openapi-schema.d.ts';

/** The operation ids of the API, from the committed generated types (kept fresh by a test). */
export type OperationId = keyof operations;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type MediaType = { schema?: unknown };
export type OpenApiResponse = { description: string; content?: Record<string, MediaType> };
export type OpenApiParameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
};
export type OpenApiOperation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, OpenApiResponse>;
};
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: { schemas: Record<string, unknown> };
};

/** One operation of the document with where it lives. */
export type OperationRef = {
  method: HttpMethod;
  path: string;
  operationId: string;
  operation: OpenApiOperation;
};

type RequestingApp = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** The OpenAPI document as the running app serves it. */
export async function fetchOpenApiDocument(app: RequestingApp): Promise<OpenApiDocument> {
  const response = await app.request('http://localhost/api/v1/openapi.json');
  if (response.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

/** Every operation in `paths`, in document order. */
export function operationsOf(doc: OpenApiDocument): OperationRef[] {
  const found: OperationRef[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) found.push({ method, path, operationId: operation.operationId ?? '', operation });
    }
  }
  return found;
}

/** `/sessions/{id}` with `{ id: 'x' }` -> `/sessions/x`, each value URL-encoded. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter {${name}} of ${template}`);
    return encodeURIComponent(value);
  });
}

export function pathParamsOf(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

export function isWriteMethod(method: string): boolean {
  return !['get', 'head', 'options'].includes(method.toLowerCase());
}

/** The media type of a Content-Type header, without parameters: `application/json`. */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

const DOC_ID = 'https://deepsheet.test/openapi.json';

/** `/me` -> `~1me`: a JSON pointer segment. */
const pointerSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Closes every object schema (`unevaluatedProperties: false`) so a response field the document
 * does not describe fails validation instead of slipping through. Component roots and members of
 * `allOf` stay open, since `allOf` composes them (DaySummary = DayProgress + date); they are closed
 * where they are used, through the `$ref` or `allOf` that uses them.
 */
function closeSchema(node: unknown, isOpen: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => closeSchema(item, false));
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === 'allOf' && Array.isArray(value)
        ? value.map((member) => closeSchema(member, true))
        : closeSchema(value, false);
  }
  const isObjectSchema =
    typeof copy.$ref === 'string' ||
    Array.isArray(copy.allOf) ||
    (copy.type === 'object' && !!copy.properties);
  if (!isOpen && isObjectSchema && copy.additionalProperties === undefined) {
    copy.unevaluatedProperties ??= false;
  }
  return copy;
}

function closeDocument(doc: OpenApiDocument): OpenApiDocument {
  const schemas = Object.fromEntries(
    Object.entries(doc.components.schemas).map(([name, schema]) => [name, closeSchema(schema, true)]),
  );
  return {
    ...doc,
    paths: closeSchema(doc.paths, true) as OpenApiDocument['paths'],
    components: { ...doc.components, schemas },
  };
}

export type ResponseCheck = { errors: string[] };

/**
 * Validates answers against the schemas the document declares for an operation, status and
 * content type. The document itself is registered with Ajv under an $id, so its
 * `#/components/schemas/...` references resolve as they are.
 */
export class ResponseValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    // strict is off because an OpenAPI document carries keywords JSON Schema does not know (example).
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...closeDocument(doc), $id: DOC_ID });
  }

  /** The declared response for a status: exact code, then `4XX`, then `default`. */
  declaredResponse(
    ref: OperationRef,
    status: number,
  ): { key: string; response: OpenApiResponse } | undefined {
    for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
      const response = ref.operation.responses[key];
      if (response) return { key, response };
    }
    return undefined;
  }

  /** Problems with an answer, empty when it matches the document. `body` is the parsed JSON (or text). */
  check(ref: OperationRef, status: number, contentType: string | null, body: unknown): string[] {
    const where = `${ref.operationId} ${status}`;
    const declared = this.declaredResponse(ref, status);
    if (!declared) return [`${where}: status ${status} is not declared`];
    const content = declared.response.content;
    if (!content) {
      return body === '' || body === undefined ? [] : [`${where}: declares no body but got one`];
    }
    const media = mediaTypeOf(contentType);
    if (!content[media]) {
      return [`${where}: content type ${media || '(none)'} is not declared (${Object.keys(content)})`];
    }
    const pointer = [
      'paths',
      ref.path,
      ref.method,
      'responses',
      declared.key,
      'content',
      media,
      'schema',
    ].map(pointerSegment);
    const id = `${DOC_ID}#/${pointer.join('/')}`;
    let validate = this.compiled.get(id);
    if (!validate) {
      validate = this.ajv.compile({ $ref: id });
      this.compiled.set(id, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e: ErrorObject) => `${where}: ${e.instancePath || '/'} ${e.message}`);
  }

  /** Reads and validates a Response; throws with every mismatch. Returns the parsed body. */
  async assertResponse(ref: OperationRef, response: Response): Promise<unknown> {
    const text = await response.text();
    const media = mediaTypeOf(response.headers.get('content-type'));
    let body: unknown = text;
    if (media.endsWith('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`${ref.operationId} ${response.status}: body is not JSON: ${text.slice(0, 200)}`);
      }
    }
    const errors = this.check(ref, response.status, response.headers.get('content-type'), body);
    if (errors.length > 0) {
      throw new Error(`${errors.join('\n')}\nbody: ${text.slice(0, 1000)}`);
    }
    return body;
  }

  get document(): OpenApiDocument {
    return this.doc;
  }
}

/** An answer read once: the endless event stream is cancelled after its headers. */
export type Answer = { status: number; headers: Headers; text: string };

export async function readAnswer(response: Response): Promise<Answer> {
  const isStream = mediaTypeOf(response.headers.get('content-type')) === 'text/event-stream';
  if (isStream) await response.body?.cancel();
  return { status: response.status, headers: response.headers, text: isStream ? '' : await response.text() };
}

/** Requires an RFC 9457 problem document whose `status` is the HTTP status and with a `detail`. */
export function problemIn(answer: Answer): Record<string, unknown> {
  const media = mediaTypeOf(answer.headers.get('content-type'));
  if (media !== 'application/problem+json') {
    throw new Error(`${answer.status} answered ${media || 'no content type'}, not a problem: ${answer.text}`);
  }
  const problem = JSON.parse(answer.text) as Record<string, unknown>;
  if (problem.status !== answer.status || typeof problem.detail !== 'string') {
    throw new Error(`${answer.status}: not a matching problem document: ${answer.text}`);
  }
  return problem;
}

/** Reads a Response and requires a problem document (see problemIn). */
export async function expectProblem(response: Response): Promise<Record<string, unknown>> {
  return problemIn(await readAnswer(response));
}
