import type { Context } from 'hono';
import { type ExportFile, streamOf } from '../services/exports/encode.ts';

/**
 * Download headers for an export: an attachment with its file name, never stored by a cache, and
 * `no-transform` so no compressing middleware buffers a stream that was meant to flow.
 */
function downloadHeaders(fileName: string, contentType: string): Record<string, string> {
  const safe = fileName.replace(/[^\w.-]/g, '_');
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${safe}"`,
    'Cache-Control': 'no-store, no-transform',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** Streams an export as it is produced. */
export function streamedFileResponse(c: Context, file: ExportFile): Response {
  return c.body(streamOf(file.chunks), 200, downloadHeaders(file.fileName, file.contentType));
}

/** Sends a file made earlier by a background job. */
export function storedFileResponse(
  c: Context,
  file: { fileName: string; contentType: string; content: Uint8Array },
): Response {
  return c.body(new Uint8Array(file.content), 200, {
    ...downloadHeaders(file.fileName, file.contentType),
    'Content-Length': String(file.content.byteLength),
  });
}
