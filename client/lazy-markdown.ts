/**
 * Pack Markdown for pages that should not carry the Markdown renderer in their first download (the
 * team's pages and the staff screens): markdown-it and its entity tables are a third of the client,
 * so they load as a chunk of their own the first time a page shows Markdown, and render synchronously
 * from then on. The renderer and its guarantees are client/markdown.ts's.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';
import type * as MarkdownModule from './markdown.js';

type Renderer = typeof MarkdownModule;

let renderer: Renderer | undefined;
let loading: Promise<Renderer> | undefined;

function loadRenderer(): Promise<Renderer> {
  loading ??= import('./markdown.js').then(
    (module) => (renderer = module),
    (error: unknown) => {
      // Let the next page that shows Markdown try again (the connection may be back).
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Pack Markdown as formatted text; the first use shows nothing until the renderer has loaded. */
export function markdown(source: string): TemplateResult {
  if (renderer) return renderer.renderMarkdown(source);
  return html`${until(
    loadRenderer().then(
      (loaded) => loaded.renderMarkdown(source),
      // Still readable if the renderer cannot be fetched: the source as plain text.
      () => html`<p>${source}</p>`,
    ),
    nothing,
  )}`;
}
