import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../api/client.js';
import type { ApiData } from '../api/client.js';
import { newIdempotencyKey } from '../idempotency-key.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
import './rh-button.js';
import './rh-error-summary.js';
import './rh-field.js';
import type { RhField } from './rh-field.js';
import type { FieldError } from './form-parts.js';

export type MeetingRecord = ApiData<'/team/meetings/{meetingId}', 'get'>;
type Entry = MeetingRecord['entries'][number];
type EntryKind = Entry['kind'];
type Draft = { body: string; owner: string; due: string };

/** Where an entry is written: a minute under an agenda item, or the meeting's decisions or actions. */
type Place = { kind: EntryKind; agendaItemId: string | null; key: string; label: string; itemTitle?: string };

const emptyDraft = (): Draft => ({ body: '', owner: '', due: '' });

function time(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * A meeting's shared record: its agenda with the minutes under each item, its decisions and its
 * actions (owner and due time), each entry signed by who wrote it. Everyone present adds entries as
 * their own rows, so two writers never overwrite each other; editing an entry names the revision
 * this screen showed, and when someone else changed it first both versions are shown, the other's
 * as the current one and this screen's still in the field. Every new entry or edit carries an
 * idempotency key kept until it is accepted, so a retry after a dropped connection is applied once,
 * and a new entry being written is kept on this device until it is saved, as the agency page does.
 * Once the meeting has closed the record is shown read-only, as its minutes.
 *
 * @prop record - the meeting with its entries
 * @attr run-id - write as staff under this run; empty: write as the team
 * @prop agencies - staff only: the agencies the writer may speak for
 * @attr readonly - show the record without forms (the marking page)
 * @fires rh-meeting-changed - after an entry was saved, so the page reloads the record
 */
@customElement('rh-meeting-record')
export class RhMeetingRecord extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      :host {
        display: block;
      }

      section {
        margin-bottom: var(--rh-space-7);
      }

      ol {
        margin: 0 0 var(--rh-space-4);
        padding: 0;
        list-style: none;
      }

      li {
        margin-bottom: var(--rh-space-3);
        padding: var(--rh-space-2) var(--rh-space-3);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
        background-color: var(--rh-colour-light-background);
      }

      li.staff {
        border-left-color: var(--rh-colour-brand-accent);
      }

      .author {
        display: block;
        font-weight: var(--rh-font-weight-bold);
      }

      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      .action-fields {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--rh-space-5);
      }

      .action-fields > * {
        flex: 1 1 14rem;
      }

      .conflict {
        margin-bottom: var(--rh-space-4);
        padding: var(--rh-space-3);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-error);
      }

      .link-button {
        padding: 0;
        border: 0;
        background: none;
        color: var(--rh-colour-link);
        font: inherit;
        text-decoration: underline;
        cursor: pointer;
      }
    `,
  ];

  @property({ attribute: false }) record: MeetingRecord | undefined;
  @property({ attribute: 'run-id' }) runId = '';
  @property({ attribute: false }) agencies: ReadonlyArray<{ id: string; name: string }> = [];
  @property({ type: Boolean }) readonly = false;

  @state() private errors: FieldError[] = [];
  @state() private saving = '';
  @state() private status = '';
  @state() private editing: { entryId: string; baseRevision: number; draft: Draft; theirs?: Entry } | undefined;
  @state() private speakingAs = '';
  private readonly drafts = new Map<string, Draft>();
  /** One key per change being sent, kept until it is accepted: a retry reuses it. */
  private readonly keys = new Map<string, string>();

  override render() {
    const record = this.record;
    if (!record) return nothing;
    const closed = record.closedAt !== null || this.readonly;
    const minutes = (agendaItemId: string) => record.entries.filter((entry) => entry.kind === 'minute' && entry.agendaItemId === agendaItemId);
    return html`
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      ${this.readonly ? nothing : html`<p role="status" class="secondary-text">${this.status}</p>`}
      ${!closed && this.runId ? this.renderSpeakingAs() : nothing}
      ${record.agenda.map(
        (item, index) => html`<section aria-labelledby="agenda-${item.id}">
          <h3 id="agenda-${item.id}">${index + 1}. ${item.title}</h3>
          ${item.help ? html`<p class="secondary-text">${item.help}</p>` : nothing}
          ${this.renderEntries(minutes(item.id), closed, 'No minutes yet.')}
          ${closed ? nothing : this.renderAddForm({ kind: 'minute', agendaItemId: item.id, key: `minute-${item.id}`, label: `Add a minute to “${item.title}”`, itemTitle: `“${item.title}”` })}
        </section>`,
      )}
      <section aria-labelledby="meeting-decisions">
        <h3 id="meeting-decisions">Decisions</h3>
        ${this.renderEntries(record.entries.filter((entry) => entry.kind === 'decision'), closed, 'No decisions recorded yet.')}
        ${closed ? nothing : this.renderAddForm({ kind: 'decision', agendaItemId: null, key: 'decision', label: 'Record a decision of the meeting' })}
      </section>
      <section aria-labelledby="meeting-actions">
        <h3 id="meeting-actions">Actions</h3>
        ${this.renderEntries(record.entries.filter((entry) => entry.kind === 'action'), closed, 'No actions agreed yet.')}
        ${closed ? nothing : this.renderAddForm({ kind: 'action', agendaItemId: null, key: 'action', label: 'Add an action' })}
      </section>
    `;
  }

  private renderSpeakingAs() {
    return html`<rh-field
      field-id="speaking-as"
      type="select"
      label="Write as"
      hint="Entries you write are signed with your name and, when you play an agency, with that agency."
      .value=${this.speakingAs}
      .options=${[{ value: '', label: 'Yourself (chair or observer)' }, ...this.agencies.map((agency) => ({ value: agency.id, label: agency.name }))]}
      @rh-change=${(event: CustomEvent<{ value: string }>) => (this.speakingAs = event.detail.value)}
    ></rh-field>`;
  }

  private renderEntries(entries: readonly Entry[], closed: boolean, empty: string) {
    if (entries.length === 0) return html`<p>${empty}</p>`;
    return html`<ol>
      ${entries.map((entry) =>
        this.editing?.entryId === entry.id
          ? html`<li class=${entry.author.kind}>${this.renderEditForm(entry)}</li>`
          : html`<li class=${entry.author.kind}>
              <span class="author">${entry.author.name}, ${time(entry.createdAt)}${entry.revision > 1 ? html` (changed ${time(entry.updatedAt)})` : nothing}</span>
              <span class="body">${entry.body}</span>
              ${entry.kind === 'action'
                ? html`<span class="author">${`Owner: ${entry.owner ?? 'not set'}. Due: ${entry.due ?? 'not set'}.`}</span>`
                : nothing}
              ${closed
                ? nothing
                : html`<button class="link-button" type="button" @click=${() => this.startEditing(entry)}>
                    Change<span class="visually-hidden"> this entry by ${entry.author.name}</span>
                  </button>`}
            </li>`,
      )}
    </ol>`;
  }

  private renderFields(idBase: string, kind: EntryKind, label: string, draft: Draft, onInput: (draft: Draft) => void) {
    const field = (name: keyof Draft) => (event: Event) => onInput({ ...draft, [name]: (event.currentTarget as RhField).value });
    return html`<rh-field
        field-id="${idBase}-body"
        type="textarea"
        rows="3"
        label=${label}
        error=${this.errorFor(`${idBase}-body`)}
        .value=${draft.body}
        @input=${field('body')}
      ></rh-field>
      ${kind === 'action'
        ? html`<div class="action-fields">
            <rh-field field-id="${idBase}-owner" label="Owner" hint="A person or role, e.g. DC Okafor (PPU)" error=${this.errorFor(`${idBase}-owner`)} .value=${draft.owner} @input=${field('owner')}></rh-field>
            <rh-field field-id="${idBase}-due" label="Due" hint="A day and time, e.g. Tuesday 12:00" error=${this.errorFor(`${idBase}-due`)} .value=${draft.due} @input=${field('due')}></rh-field>
          </div>`
        : nothing}`;
  }

  private renderAddForm(place: Place) {
    const draft = this.draftOf(place.key);
    return html`<form novalidate @submit=${(event: Event) => this.add(event, place)}>
      ${this.renderFields(place.key, place.kind, place.label, draft, (next) => this.keepDraft(place.key, next))}
      <rh-button ?disabled=${this.saving === place.key}
        >${place.kind === 'action' ? 'Add the action' : place.kind === 'decision' ? 'Record the decision' : html`Add the minute<span class="visually-hidden"> to ${place.itemTitle}</span>`}</rh-button
      >
    </form>`;
  }

  private renderEditForm(entry: Entry) {
    const editing = this.editing!;
    const idBase = `edit-${entry.id}`;
    return html`<form novalidate @submit=${(event: Event) => this.saveEdit(event, entry)}>
      ${editing.theirs
        ? html`<div class="conflict" role="alert">
            <p><strong>${editing.theirs.author.name === entry.author.name ? 'Someone' : editing.theirs.author.name} changed this entry while you were editing it.</strong> The current version is:</p>
            <p class="body">${editing.theirs.body}</p>
            ${editing.theirs.kind === 'action' ? html`<p>Owner: ${editing.theirs.owner ?? 'not set'}. Due: ${editing.theirs.due ?? 'not set'}.</p>` : nothing}
            <p>Your version is still in the field below: keep it, combine them, or cancel to keep theirs.</p>
          </div>`
        : nothing}
      ${this.renderFields(idBase, entry.kind, 'Change the entry', editing.draft, (draft) => {
        this.keys.delete(idBase);
        this.editing = { ...editing, draft };
      })}
      <rh-button ?disabled=${this.saving === idBase}>Save the change</rh-button>
      <rh-button type="button" variant="secondary" @click=${() => (this.editing = undefined)}>Cancel</rh-button>
    </form>`;
  }

  private errorFor(fieldId: string): string {
    return this.errors.find((error) => error.fieldId === fieldId)?.message ?? '';
  }

  private keyFor(key: string): string {
    const existing = this.keys.get(key) ?? newIdempotencyKey();
    this.keys.set(key, existing);
    return existing;
  }

  private storageKey(key: string): string {
    return `rehearse:meeting-draft:${this.record?.id ?? ''}:${this.runId ? 'staff' : 'team'}:${key}`;
  }

  private draftOf(key: string): Draft {
    const kept = this.drafts.get(key);
    if (kept) return kept;
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(this.storageKey(key)) ?? 'null');
      if (typeof stored === 'object' && stored !== null && 'body' in stored) return { ...emptyDraft(), ...(stored as Partial<Draft>) };
    } catch {
      // Nothing usable kept on this device.
    }
    return emptyDraft();
  }

  private keepDraft(key: string, draft: Draft | undefined): void {
    // A changed draft is a different entry, so it gets a key of its own.
    this.keys.delete(key);
    if (draft) this.drafts.set(key, draft);
    else this.drafts.delete(key);
    try {
      if (!draft || (draft.body === '' && draft.owner === '' && draft.due === '')) localStorage.removeItem(this.storageKey(key));
      else localStorage.setItem(this.storageKey(key), JSON.stringify(draft));
    } catch {
      // Storage full or turned off: the draft stays on the page.
    }
    this.requestUpdate();
  }

  private startEditing(entry: Entry): void {
    this.errors = [];
    this.editing = { entryId: entry.id, baseRevision: entry.revision, draft: { body: entry.body, owner: entry.owner ?? '', due: entry.due ?? '' } };
  }

  private fail(error: unknown, idBase: string): void {
    if (!(error instanceof ApiError)) throw error;
    const field = (path: string) => `${idBase}-${path.replace(/^body\./, '')}`;
    this.errors =
      error.details.length > 0
        ? error.details.map((detail) => ({ fieldId: ['body.body', 'body.owner', 'body.due'].includes(detail.path) ? field(detail.path) : `${idBase}-body`, message: detail.message }))
        : [{ fieldId: `${idBase}-body`, message: error.message }];
  }

  private async add(event: Event, place: Place): Promise<void> {
    event.preventDefault();
    const record = this.record;
    if (!record || this.saving) return;
    const draft = this.draftOf(place.key);
    if (draft.body.trim() === '') {
      this.errors = [{ fieldId: `${place.key}-body`, message: place.kind === 'action' ? 'Write the action' : place.kind === 'decision' ? 'Write the decision' : 'Write the minute' }];
      return;
    }
    this.saving = place.key;
    const body = {
      kind: place.kind,
      agendaItemId: place.agendaItemId,
      body: draft.body,
      ...(place.kind === 'action' ? { owner: draft.owner, due: draft.due } : {}),
      ...(this.runId && this.speakingAs ? { asAgency: this.speakingAs } : {}),
      idempotencyKey: this.keyFor(place.key),
    };
    try {
      if (this.runId) await api.post('/runs/{runId}/meetings/{meetingId}/entries', { params: { path: { runId: this.runId, meetingId: record.id } }, body });
      else await api.post('/team/meetings/{meetingId}/entries', { params: { path: { meetingId: record.id } }, body });
    } catch (error) {
      this.saving = '';
      this.fail(error, place.key);
      return;
    }
    this.keepDraft(place.key, undefined);
    this.errors = [];
    this.saving = '';
    this.status = `Saved at ${time(new Date().toISOString())}.`;
    this.dispatchEvent(new CustomEvent('rh-meeting-changed', { bubbles: true, composed: true }));
  }

  private async saveEdit(event: Event, entry: Entry): Promise<void> {
    event.preventDefault();
    const record = this.record;
    const editing = this.editing;
    if (!record || !editing || this.saving) return;
    const idBase = `edit-${entry.id}`;
    if (editing.draft.body.trim() === '') {
      this.errors = [{ fieldId: `${idBase}-body`, message: 'Write the entry, or cancel' }];
      return;
    }
    this.saving = idBase;
    const body = {
      baseRevision: editing.baseRevision,
      body: editing.draft.body,
      ...(entry.kind === 'action' ? { owner: editing.draft.owner, due: editing.draft.due } : {}),
      idempotencyKey: this.keyFor(idBase),
    };
    try {
      const path = { meetingId: record.id, entryId: entry.id };
      if (this.runId) await api.put('/runs/{runId}/meetings/{meetingId}/entries/{entryId}', { params: { path: { ...path, runId: this.runId } }, body });
      else await api.put('/team/meetings/{meetingId}/entries/{entryId}', { params: { path }, body });
    } catch (error) {
      this.saving = '';
      this.keys.delete(idBase);
      const theirs = error instanceof ApiError && error.code === 'meeting_entry_conflict' ? conflictOf(error.body) : undefined;
      if (theirs) {
        // Edit on from their revision, with this screen's words still in the field.
        this.errors = [];
        this.editing = { ...editing, baseRevision: theirs.revision, theirs };
        return;
      }
      this.fail(error, idBase);
      return;
    }
    this.keys.delete(idBase);
    this.editing = undefined;
    this.errors = [];
    this.saving = '';
    this.status = `Change saved at ${time(new Date().toISOString())}.`;
    this.dispatchEvent(new CustomEvent('rh-meeting-changed', { bubbles: true, composed: true }));
  }
}

function conflictOf(body: unknown): Entry | undefined {
  if (typeof body !== 'object' || body === null || !('conflict' in body)) return undefined;
  const conflict = (body as { conflict: { theirs?: Entry } }).conflict;
  return conflict.theirs;
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-meeting-record': RhMeetingRecord;
  }
}
