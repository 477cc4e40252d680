import { Layout, type PageContext } from './layout.tsx';

export function ErrorPage(props: { page: PageContext; status: number; message: string }) {
  const title =
    props.status === 404 ? 'Not found' : props.status >= 500 ? 'Something went wrong' : 'That did not work';
  return (
    <Layout page={props.page} title={title}>
      <div class="mx-auto mt-12 max-w-md">
        <h1 class="mb-4 text-2xl font-semibold">{title}</h1>
        <p class="mb-6">{props.message}</p>
        <a href="/" class="btn-secondary">
          Back to today
        </a>
      </div>
    </Layout>
  );
}

/** What an htmx request gets instead of a page: a calm line it can swap in. */
export function ErrorFragment(props: { message: string }) {
  return (
    <p role="alert" class="alert-error">
      {props.message}
    </p>
  );
}
