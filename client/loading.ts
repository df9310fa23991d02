/**
 * The one way a page shows data that is loading or could not be loaded: while loading, the page's
 * heading and a line saying what is coming; on failure, the server's message a person can act on,
 * with the way back. Pages get a `Loadable` from a LoadTask (controllers/load-task.ts) or from the
 * team's shared workspace.
 */
import { html } from 'lit';
import type { ApiError } from './api/client.js';
import './components/rh-page-layout.js';

export type Loadable<T> =
  | { readonly status: 'pending' }
  | { readonly status: 'complete'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ApiError };

export interface LoadingFrame {
  readonly heading: string;
  /** What the page says while it loads, e.g. "Loading the run…". */
  readonly loading: string;
  readonly caption?: string;
  /** The back link the page offers when loading failed. */
  readonly back?: { readonly href: string; readonly label: string };
}

/** The whole page while `state` is pending or failed, else what `complete` renders. */
export function whenLoaded<T>(state: Loadable<T>, frame: LoadingFrame, complete: (value: T) => unknown): unknown {
  if (state.status === 'complete') return complete(state.value);
  const failed = state.status === 'failed';
  return html`<rh-page-layout
    .heading=${frame.heading}
    .caption=${frame.caption ?? ''}
    .backHref=${failed ? (frame.back?.href ?? '') : ''}
    .backLabel=${frame.back?.label ?? 'Back'}
    ><p>${failed ? state.error.message : frame.loading}</p></rh-page-layout
  >`;
}

/** One part of a page while `state` is pending or failed: a line saying so. */
export function whenPartLoaded<T>(state: Loadable<T>, loading: string, complete: (value: T) => unknown): unknown {
  if (state.status === 'complete') return complete(state.value);
  return html`<p>${state.status === 'failed' ? state.error.message : loading}</p>`;
}
