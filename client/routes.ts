/** Every page of Rehearse, by address. Titles match the pages' h1 headings. */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import './pages/rh-home-page.js';
import './pages/rh-not-found-page.js';
import type { Page, Route } from './router.js';

export const routes: readonly Route<TemplateResult>[] = [
  { path: '/', title: 'Practise public protection decisions', render: () => html`<rh-home-page></rh-home-page>` },
];

export const notFoundPage: Page<TemplateResult> = {
  title: 'Page not found',
  render: () => html`<rh-not-found-page></rh-not-found-page>`,
};
