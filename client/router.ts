/**
 * A small History API router, run as a reactive controller of the app shell. It intercepts clicks
 * on same-origin links (including links inside shadow roots), follows back and forward, and after
 * each navigation sets the document title and moves focus to the new page's h1 so screen reader
 * users hear where they are.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepQuerySelector, findById, whenRendered } from './shadow-dom.js';

export type RouteParams = Readonly<Record<string, string>>;

export interface Page<Content> {
  /** The page's own title; the document title adds the service name. */
  readonly title: string;
  readonly render: (params: RouteParams) => Content;
}

export interface Route<Content> extends Page<Content> {
  /** Segments separated by "/", where ":name" captures one segment, e.g. "/runs/:runId". */
  readonly path: string;
}

export interface RouteMatch<Content> {
  readonly page: Page<Content>;
  readonly params: RouteParams;
}

export const serviceName = 'Rehearse';

export function pageTitle(title: string): string {
  return `${title} – ${serviceName}`;
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
  current: RouteMatch<Content>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly routes: readonly Route<Content>[],
    private readonly notFound: Page<Content>,
  ) {
    this.current = this.resolve(location.pathname);
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('click', this.followLink);
    window.addEventListener('popstate', this.followHistory);
    void this.show('initial');
  }

  hostDisconnected(): void {
    document.removeEventListener('click', this.followLink);
    window.removeEventListener('popstate', this.followHistory);
  }

  /** Shows the page at `href`; `replace` swaps the current history entry (for redirects) instead of adding one. */
  navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
    if (replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    void this.show('link');
  }

  private resolve(pathname: string): RouteMatch<Content> {
    return matchRoute(this.routes, pathname) ?? { page: this.notFound, params: {} };
  }

  private async show(cause: NavigationCause): Promise<void> {
    this.current = this.resolve(location.pathname);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const renderRoot = this.host.shadowRoot ?? this.host;
    await whenRendered(renderRoot);
    document.title = pageTitle(this.current.page.title);
    // On first load the reader starts at the top of the document, where the skip link is.
    if (cause === 'initial') return;
    if (cause === 'link') window.scrollTo(0, 0);
    const heading = deepQuerySelector('h1', renderRoot);
    if (heading instanceof HTMLElement) heading.focus({ preventScroll: cause === 'link' });
  }

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
