/**
 * A small History API router, run as a reactive controller of the app shell. It intercepts clicks
 * on same-origin links (including links inside shadow roots), follows back and forward, and after
 * each navigation moves focus to the new page's h1 so screen reader users hear where they are.
 *
 * It owns the document title: the route's own title, until the page reports one that depends on
 * its data (the run's cohort, the team's name) with an `rh-page-title` event, which also says
 * whether the page shows form errors, for GOV.UK's "Error: " prefix (see page-title-controller.ts).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepQuerySelector, findById, whenRendered } from './shadow-dom.js';

export type RouteParams = Readonly<Record<string, string>>;

export interface Page<Content> {
  /** The page's title until it reports its own; the document title adds the service name. */
  readonly title: string;
  /** The page for the address's parameters and its query (`?decision=refer-csc`). */
  readonly render: (params: RouteParams, query: URLSearchParams) => Content;
  /** 'wide' for working screens that need the whole width of a laptop (the console, the debrief). */
  readonly width?: 'wide';
  /** Loads the chunk that defines the page's elements, before it is first shown (see routes.ts). */
  readonly load?: () => Promise<unknown>;
}

export interface Route<Content> extends Page<Content> {
  /** Segments separated by "/", where ":name" captures one segment, e.g. "/runs/:runId". */
  readonly path: string;
}

export interface RouteMatch<Content> {
  readonly page: Page<Content>;
  readonly params: RouteParams;
}

/** The page showing now, with the address's query. */
export interface CurrentPage<Content> extends RouteMatch<Content> {
  readonly query: URLSearchParams;
}

export const serviceName = 'Rehearse';

export function pageTitle(title: string): string {
  return `${title} – ${serviceName}`;
}

/** What a page reports about its title (the `rh-page-title` event's detail). */
export interface ReportedTitle {
  /** The title its data gives, e.g. the run's cohort; undefined keeps the route's title. */
  readonly title: string | undefined;
  /** Whether the page shows form errors now. */
  readonly hasErrors: boolean;
}

export const pageTitleEvent = 'rh-page-title';

/** The document title: the reported title or else the route's, with the service name, "Error: " first while there are errors. */
export function documentTitle(routeTitle: string, reported: ReportedTitle | undefined): string {
  return `${reported?.hasErrors ? 'Error: ' : ''}${pageTitle(reported?.title ?? routeTitle)}`;
}

/** The first route whose path matches `pathname`, with its decoded parameters. A trailing slash is ignored. */
export function matchRoute<Content>(
  routes: readonly Route<Content>[],
  pathname: string,
): RouteMatch<Content> | undefined {
  const segments = pathSegments(pathname);
  for (const route of routes) {
    const params = matchSegments(pathSegments(route.path), segments);
    if (params) return { page: route, params };
  }
  return undefined;
}

function pathSegments(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function matchSegments(patternSegments: string[], segments: string[]): RouteParams | undefined {
  if (patternSegments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, pattern] of patternSegments.entries()) {
    const segment = decodeOrUndefined(segments[index] ?? '');
    if (segment === undefined || segment === '') return undefined;
    if (pattern.startsWith(':')) params[pattern.slice(1)] = segment;
    else if (pattern !== segment) return undefined;
  }
  return params;
}

function decodeOrUndefined(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * What following a link to `target` from `current` should do: "route" renders another page here,
 * "in-page" moves focus to an element on this page, "browser" leaves it to the browser (other
 * sites, and the API, whose responses are not pages of this app).
 */
export function classifyLink(target: URL, current: URL): 'route' | 'in-page' | 'browser' {
  if (target.origin !== current.origin) return 'browser';
  if (target.pathname === '/api' || target.pathname.startsWith('/api/')) return 'browser';
  const samePage = target.pathname === current.pathname && target.search === current.search;
  if (samePage && target.hash !== '') return 'in-page';
  return 'route';
}

type NavigationCause = 'initial' | 'link' | 'history';

export class Router<Content> implements ReactiveController {
  current: CurrentPage<Content>;
  /** The latest report and the page element it came from: a page since replaced no longer counts. */
  private reported: { readonly page: Element; readonly title: ReportedTitle } | undefined;
  private navigations = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly routes: readonly Route<Content>[],
    private readonly notFound: Page<Content>,
    /** Shown when a page's chunk cannot be downloaded (the connection dropped, or a new version replaced it). */
    private readonly loadFailed: Page<Content>,
  ) {
    this.current = this.resolve();
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('click', this.followLink);
    window.addEventListener('popstate', this.followHistory);
    this.host.addEventListener(pageTitleEvent, this.takeTitle);
    void this.show('initial');
  }

  hostDisconnected(): void {
    document.removeEventListener('click', this.followLink);
    window.removeEventListener('popstate', this.followHistory);
    this.host.removeEventListener(pageTitleEvent, this.takeTitle);
  }

  /** Shows the page at `href`; `replace` swaps the current history entry (for redirects) instead of adding one. */
  navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
    if (replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    void this.show('link');
  }

  private resolve(): CurrentPage<Content> {
    const query = new URLSearchParams(location.search);
    const match = matchRoute(this.routes, location.pathname);
    return match ? { ...match, query } : { page: this.notFound, params: {}, query };
  }

  private async show(cause: NavigationCause): Promise<void> {
    const navigation = ++this.navigations;
    const next = this.resolve();
    let shown: CurrentPage<Content> = next;
    try {
      await next.page.load?.();
    } catch {
      shown = { page: this.loadFailed, params: {}, query: next.query };
    }
    // A later navigation, whose chunk came first, has already shown its page.
    if (navigation !== this.navigations) return;
    this.current = shown;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const renderRoot = this.host.shadowRoot ?? this.host;
    await whenRendered(renderRoot);
    this.setTitle();
    // On first load the reader starts at the top of the document, where the skip link is.
    if (cause === 'initial') return;
    if (cause === 'link') window.scrollTo(0, 0);
    const heading = deepQuerySelector('h1', renderRoot);
    if (heading instanceof HTMLElement) heading.focus({ preventScroll: cause === 'link' });
  }

  private setTitle(): void {
    const reported = this.reported?.page.isConnected ? this.reported.title : undefined;
    document.title = documentTitle(this.current.page.title, reported);
  }

  private readonly takeTitle = (event: CustomEvent<ReportedTitle>): void => {
    const page = event.composedPath()[0];
    if (!(page instanceof Element)) return;
    this.reported = { page, title: event.detail };
    this.setTitle();
  };

  private readonly followLink = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((target): target is HTMLAnchorElement => target instanceof HTMLAnchorElement);
    if (!anchor || !anchor.href || anchor.hasAttribute('download')) return;
    if (anchor.target !== '' && anchor.target !== '_self') return;
    const target = new URL(anchor.href);
    const kind = classifyLink(target, new URL(location.href));
    if (kind === 'browser') return;
    event.preventDefault();
    if (kind === 'in-page') findById(decodeOrUndefined(target.hash.slice(1)) ?? '')?.focus();
    else this.navigate(target.pathname + target.search + target.hash);
  };

  private readonly followHistory = (): void => {
    void this.show('history');
  };
}

declare global {
  interface HTMLElementEventMap {
    'rh-page-title': CustomEvent<ReportedTitle>;
  }
}
