import type { ExportJobRow } from '../../../db/schema/index.ts';
import { Layout, type PageContext } from '../layout.tsx';

const KIND_WORDS: Record<ExportJobRow['kind'], string> = {
  sessions: 'Sessions',
  tasks: 'Tasks',
  'context-switches': 'Interruptions',
  report: 'Report',
  insights: 'Insights',
  account: 'Your whole account',
};

/** "Sessions, CSV, 1 Jan 2025 to 31 Mar 2026" */
export function describeExport(job: Pick<ExportJobRow, 'kind' | 'format' | 'params'>): string {
  const params = job.params as { from?: string; to?: string };
  const range = params.from || params.to ? `, ${params.from ?? 'the start'} to ${params.to ?? 'today'}` : '';
  return `${KIND_WORDS[job.kind]}, ${job.format.toUpperCase()}${range}`;
}

/**
 * An export's state, swapped in place: while it is queued or running it asks again every second
 * (htmx), then shows the Download button, or a calm message when it failed.
 */
export function ExportJobStatus(props: { job: ExportJobRow }) {
  const { job } = props;
  const isWaiting = job.status === 'queued' || job.status === 'running';
  return (
    <div
      id="export-status"
      data-status={job.status}
      {...(isWaiting
        ? { 'hx-get': `/exports/jobs/${job.id}/status`, 'hx-trigger': 'every 1s', 'hx-swap': 'outerHTML' }
        : {})}
    >
      {isWaiting ? (
        <>
          <label for="export-progress" class="mb-2 block text-sm text-stone-600 dark:text-stone-400">
            {job.status === 'queued' ? 'Waiting to start…' : `Preparing your file · ${job.progress}%`}
          </label>
          <progress id="export-progress" class="w-full" max="100" value={String(job.progress)}>
            {job.progress}%
          </progress>
        </>
      ) : null}
      {job.status === 'ready' ? (
        <div class="space-y-3">
          <p role="status">
            Your file is ready{job.byteSize ? ` (${formatBytes(job.byteSize)})` : ''}. It stays here for 24
            hours.
          </p>
          <a
            href={`/exports/jobs/${job.id}/download`}
            class="btn-primary"
            download={job.fileName ?? undefined}
          >
            Download
          </a>
        </div>
      ) : null}
      {job.status === 'failed' ? (
        <p role="alert" class="alert-error">
          {job.error ?? 'This export could not be made. Please try again.'}
        </p>
      ) : null}
    </div>
  );
}

export function ExportJobPage(props: { page: PageContext; job: ExportJobRow }) {
  return (
    <Layout page={props.page} title="Your export">
      <div class="mx-auto mt-8 max-w-md space-y-6">
        <div>
          <h1 class="text-2xl font-semibold">Your export</h1>
          <p class="text-stone-600 dark:text-stone-400">{describeExport(props.job)}</p>
        </div>
        <ExportJobStatus job={props.job} />
        <a href="/settings#your-data" class="btn-quiet">
          Back to settings
        </a>
      </div>
    </Layout>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
