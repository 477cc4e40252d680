import { csvRow } from './csv.ts';
import type { ExportRecord } from './table-source.ts';

/** A file as it is produced: its name, type and content as chunks made on demand. */
export type ExportFile = {
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<string | Uint8Array>;
};

/**
 * Writes batches of records as CSV (a header row, then one row per record) or as one JSON array
 * (one object per line, so a reader can also split lines). One chunk per batch: nothing is read
 * ahead of what the consumer asks for.
 */
export async function* encodeRecords(
  format: 'csv' | 'json',
  columns: readonly string[],
  batches: AsyncIterable<ExportRecord[]>,
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvRow(columns);
    for await (const batch of batches) yield batch.map((r) => csvRow(columns.map((c) => r[c]))).join('');
    return;
  }
  let isFirst = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const lines = batch.map((record) => JSON.stringify(pick(record, columns)));
    yield `${isFirst ? '[\n' : ',\n'}${lines.join(',\n')}`;
    isFirst = false;
  }
  yield isFirst ? '[]\n' : '\n]\n';
}

function pick(record: ExportRecord, columns: readonly string[]): ExportRecord {
  return Object.fromEntries(columns.map((c) => [c, record[c] ?? null]));
}

const encoder = new TextEncoder();
const bytesOf = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk);

/**
 * A byte stream that produces the next chunk only when the reader pulls (backpressure: a slow
 * client slows the database reads down, nothing piles up), and stops reading when it cancels.
 */
export function streamOf(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(bytesOf(next.value));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The whole file in memory: for a background job, which stores it. */
export async function collectBytes(chunks: AsyncIterable<string | Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(bytesOf(chunk));
  return Buffer.concat(parts);
}

/** A file made at once, as chunks. */
export async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* parts;
}
