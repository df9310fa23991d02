/**
 * Pages ask the app shell, which owns the router, to go somewhere else by firing an event up the
 * tree, rather than reaching for the router themselves.
 */

export interface NavigateDetail {
  readonly href: string;
  /** Replace the current history entry, for redirects such as "sign in first". */
  readonly replace: boolean;
}

export const navigateEvent = 'rh-navigate';

/** Fires `rh-navigate` from `from`; the app shell shows the page at `href`. */
export function requestNavigation(from: EventTarget, href: string, { replace = false }: { replace?: boolean } = {}): void {
  from.dispatchEvent(
    new CustomEvent<NavigateDetail>(navigateEvent, { detail: { href, replace }, bubbles: true, composed: true }),
  );
}

declare global {
  interface HTMLElementEventMap {
    'rh-navigate': CustomEvent<NavigateDetail>;
  }
}
