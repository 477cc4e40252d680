import type { Child } from 'hono/jsx';
import { Layout, type PageContext } from './layout.tsx';

/** The frame of a page one level below Settings: the way back, its heading and what it is for. */
export function SettingsSubpage(props: { page: PageContext; title: string; intro: string; children: Child }) {
  return (
    <Layout page={props.page} title={`${props.title} · Settings`}>
      <main id="main" class="mx-auto max-w-3xl space-y-6 p-4">
        <p>
          <a class="link" href="/settings">
            Settings
          </a>
        </p>
        <h1 class="text-2xl font-semibold">{props.title}</h1>
        <p class="text-sm text-stone-600 dark:text-stone-400">{props.intro}</p>
        {props.children}
      </main>
    </Layout>
  );
}
