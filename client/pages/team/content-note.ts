/**
 * The pack's content note: what the exercise deals with and who to talk to, shown to a team once it
 * is live and before any page of its scenario, until someone on this device says they have read it.
 * Remembered per team in localStorage (in memory when storage is off), so each device asks once.
 */
import { html } from 'lit';
import type { LitElement } from 'lit';
import '../../components/rh-button.js';
import '../../components/rh-page-layout.js';
import { markdown } from '../../lazy-markdown.js';
import { deepQuerySelector } from '../../shadow-dom.js';

const readInMemory = new Set<string>();

function storageKey(teamId: string): string {
  return `rehearse:content-note-read:${teamId}`;
}

export function contentNoteRead(teamId: string): boolean {
  if (readInMemory.has(teamId)) return true;
  try {
    return localStorage.getItem(storageKey(teamId)) !== null;
  } catch {
    return false;
  }
}

/** Whether the team must still read the pack's content note on this device before it sees its scenario. */
export function contentNotePending(scenario: { pack: { contentNote?: string } }, teamId: string): boolean {
  return Boolean(scenario.pack.contentNote) && !contentNoteRead(teamId);
}

function markContentNoteRead(teamId: string): void {
  readInMemory.add(teamId);
  try {
    localStorage.setItem(storageKey(teamId), new Date().toISOString());
  } catch {
    // Storage full or turned off: remembered until the page is reloaded.
  }
}

export const contentNoteHeading = 'Before you start';

/** The note as a page of its own; `onRead` re-renders the page, which then shows what the team asked for. */
export function contentNotePage(teamId: string, caption: string, note: string, onRead: () => void) {
  const read = async (event: Event): Promise<void> => {
    const root = (event.currentTarget as Node).getRootNode();
    markContentNoteRead(teamId);
    onRead();
    // The button has gone: start the team at the heading of the page it now sees, as a navigation would.
    if (!(root instanceof ShadowRoot)) return;
    await (root.host as LitElement).updateComplete;
    const layout = root.querySelector('rh-page-layout');
    await layout?.updateComplete;
    const heading = layout?.shadowRoot ? deepQuerySelector('h1', layout.shadowRoot) : null;
    if (heading instanceof HTMLElement) heading.focus();
  };
  return html`<rh-page-layout heading=${contentNoteHeading} caption=${caption}>
    <section aria-labelledby="content-note-heading">
      <h2 id="content-note-heading">What this exercise contains, and who to talk to</h2>
      ${markdown(note)}
    </section>
    <p>Your referral comes next. This note is shown once on each device your team uses.</p>
    <rh-button type="button" @click=${read}>I have read this: continue to the exercise</rh-button>
  </rh-page-layout>`;
}
