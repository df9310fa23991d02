/**
 * Tells the router a page's data-dependent title and whether it shows form errors, whenever either
 * changes (an `rh-page-title` event from the page); the router sets the document title. A page
 * whose title is its route's and has no form needs none.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageTitleEvent } from '../router.js';
import type { ReportedTitle } from '../router.js';

export interface PageTitle {
  /** The title the page's data gives; undefined (while loading) keeps the route's title. */
  readonly title?: string | undefined;
  readonly hasErrors?: boolean;
}

export class PageTitleController implements ReactiveController {
  private last = '';

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly describe: () => PageTitle,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const { title, hasErrors = false } = this.describe();
    const detail: ReportedTitle = { title, hasErrors };
    const key = JSON.stringify(detail);
    if (key === this.last) return;
    this.last = key;
    this.host.dispatchEvent(new CustomEvent(pageTitleEvent, { detail, bubbles: true, composed: true }));
  }
}
