import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-checkboxes.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import type { FieldError } from '../../components/form-parts.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-meeting-record.js';
import '../../components/rh-page-layout.js';
import { LiveDataController } from '../../controllers/live-data-controller.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { renderMarkdown } from '../../markdown.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

type StaffMeeting = ApiData<'/runs/{runId}/meetings/{meetingId}', 'get'>;

function time(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * One meeting for the chair and the assessors playing its agencies: its details, the pack's note
 * for them, and the shared record, written as oneself or in role as an agency. Closing it is final
 * (it asks first): the record freezes, the team has its minutes, and the meeting's outcome is
 * released to the team. The record stays current through the run's event stream.
 *
 * @attr run-id - the run's id, from the address
 * @attr meeting-id - the meeting's id, from the address
 */
@customElement('rh-run-meeting-page')
export class RhRunMeetingPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--rh-space-1) var(--rh-space-4);
        margin: 0 0 var(--rh-space-6);
      }

      dt {
        font-weight: var(--rh-font-weight-bold);
      }

      dd {
        margin: 0;
      }

      .close {
        margin-top: var(--rh-space-8);
        padding-top: var(--rh-space-5);
        border-top: 1px solid var(--rh-colour-border);
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';
  @property({ attribute: 'meeting-id' }) meetingId = '';
  @state() private meeting: StaffMeeting | undefined;
  @state() private loadProblem = '';
  @state() private confirming = false;
  @state() private closing = false;
  @state() private closeOutcome = '';
  /** The chair's change of the meeting's details, from the revision it was made on. */
  @state() private details: { baseRevision: number; level: string; agencies: string[] } | undefined;
  @state() private detailsErrors: FieldError[] = [];
  @state() private detailsOutcome = '';

  private readonly live = new LiveDataController(this, {
    url: () => `/api/runs/${encodeURIComponent(this.runId)}/events`,
    resync: () => this.load(),
    handlers: { meeting: () => this.live.resyncSoon() },
  });
  private readonly documentTitle = new PageTitleController(this, () => ({ title: this.meeting?.title }));

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId') || changed.has('meetingId')) {
      this.meeting = undefined;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    if (!this.runId || !this.meetingId) return;
    try {
      this.meeting = await api.get('/runs/{runId}/meetings/{meetingId}', { params: { path: { runId: this.runId, meetingId: this.meetingId } } });
      this.loadProblem = '';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.loadProblem = error.message;
    }
  }

  override render() {
    const back = `/runs/${encodeURIComponent(this.runId)}/meetings`;
    const meeting = this.meeting;
    if (!meeting) {
      return html`<rh-page-layout heading="Meeting" back-href=${back} back-label="Back to the meetings">
        ${this.loadProblem ? html`<p role="alert">${this.loadProblem}</p>` : html`<p>Loading…</p>`}
      </rh-page-layout>`;
    }
    return html`<rh-page-layout heading=${meeting.title} caption=${meeting.teamName} back-href=${back} back-label="Back to the meetings" one-column>
      ${this.loadProblem ? html`<p role="alert">${this.loadProblem}</p>` : nothing}
      <dl>
        <dt>Chair</dt>
        <dd>${meeting.chair}</dd>
        ${meeting.level !== null ? html`<dt>MAPPA level</dt><dd>${meeting.level}</dd>` : nothing}
        <dt>Convened</dt>
        <dd>${time(meeting.convenedAt)}, ${meeting.convenedBy === 'decision' ? "by the team's decision" : 'by a facilitator'}</dd>
        <dt>Agencies attending</dt>
        <dd>${meeting.agencies.length > 0 ? meeting.agencies.map((agency) => agency.name).join(', ') : 'None yet'}</dd>
        <dt>Status</dt>
        <dd>${meeting.closedAt ? `Closed at ${time(meeting.closedAt)}` : 'Open'}</dd>
      </dl>
      ${meeting.facilitatorNote ? html`<rh-inset-text><strong>For the chair and role-players:</strong> ${renderMarkdown(meeting.facilitatorNote)}</rh-inset-text>` : nothing}
      ${meeting.closedAt ? nothing : this.renderDetails(meeting)}
      <h2>Record</h2>
      <rh-meeting-record .record=${meeting} run-id=${this.runId} .agencies=${meeting.agencies} @rh-meeting-changed=${() => void this.load()}></rh-meeting-record>
      ${meeting.closedAt ? html`<p role="status">${this.closeOutcome}</p>` : this.renderClose()}
    </rh-page-layout>`;
  }

  private renderDetails(meeting: StaffMeeting) {
    const details = this.details ?? { baseRevision: meeting.revision, level: meeting.level === null ? '' : String(meeting.level), agencies: meeting.agencies.map((agency) => agency.id) };
    const change = (next: Partial<typeof details>) => (this.details = { ...details, ...next });
    return html`<details>
      <summary>Change the level or the agencies present</summary>
      <rh-error-summary .errors=${this.detailsErrors}></rh-error-summary>
      <form novalidate @submit=${(event: Event) => this.saveDetails(event, details)}>
        ${meeting.kind === 'mapp-meeting'
          ? html`<rh-field
              field-id="level"
              type="select"
              label="MAPPA level"
              error=${this.detailsErrors.find((error) => error.fieldId === 'level')?.message ?? ''}
              .value=${details.level}
              .options=${[{ value: '', label: 'Not set' }, { value: '1', label: 'Level 1' }, { value: '2', label: 'Level 2' }, { value: '3', label: 'Level 3' }]}
              @rh-change=${(event: CustomEvent<{ value: string }>) => change({ level: event.detail.value })}
            ></rh-field>`
          : nothing}
        <rh-checkboxes
          field-id="agencies"
          legend="Agencies present"
          hint="Select all that apply"
          .options=${(meeting.packAgencies ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
          .values=${details.agencies}
          @rh-change=${(event: CustomEvent<{ values: string[] }>) => change({ agencies: event.detail.values })}
        ></rh-checkboxes>
        <rh-button>Save the details</rh-button>
      </form>
      <p role="status">${this.detailsOutcome}</p>
    </details>`;
  }

  private async saveDetails(event: Event, details: { baseRevision: number; level: string; agencies: string[] }): Promise<void> {
    event.preventDefault();
    const meeting = this.meeting;
    if (!meeting) return;
    try {
      await api.patch('/runs/{runId}/meetings/{meetingId}', {
        params: { path: { runId: this.runId, meetingId: this.meetingId } },
        body: {
          baseRevision: details.baseRevision,
          agencies: details.agencies,
          ...(meeting.kind === 'mapp-meeting' ? { level: details.level === '' ? null : Number(details.level) } : {}),
        },
      });
      this.detailsErrors = [];
      this.detailsOutcome = 'The details were saved.';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Someone changed them first: the page shows theirs, to change again.
      this.detailsErrors = [{ fieldId: meeting.kind === 'mapp-meeting' ? 'level' : 'agencies', message: error.message }];
      this.detailsOutcome = '';
    }
    this.details = undefined;
    await this.load();
  }

  private renderClose() {
    return html`<section class="close" aria-labelledby="close-heading">
      <h2 id="close-heading">Close the meeting</h2>
      ${this.confirming
        ? html`<div role="alert">
            <p><strong>Closing cannot be undone.</strong> Nobody can change the record afterwards; the team gets the minutes as final, and the meeting's outcome is released to it.</p>
            <rh-button variant="warning" type="button" ?disabled=${this.closing} @click=${this.close}>Yes, close the meeting</rh-button>
            <rh-button variant="secondary" type="button" @click=${() => (this.confirming = false)}>Cancel</rh-button>
          </div>`
        : html`<p>Close it when the chair has agreed the record, the actions have owners and due times, and the review date is set.</p>
            <rh-button variant="warning" type="button" @click=${() => (this.confirming = true)}>Close the meeting</rh-button>`}
    </section>`;
  }

  private readonly close = async (): Promise<void> => {
    this.closing = true;
    try {
      const closed = await api.post('/runs/{runId}/meetings/{meetingId}/close', {
        params: { path: { runId: this.runId, meetingId: this.meetingId } },
        body: { confirm: true },
      });
      this.closeOutcome = `The meeting closed at ${time(closed.closedAt)}. ${closed.released.length > 0 ? 'Its outcome was released to the team.' : 'It had no outcome to release.'}`;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.closeOutcome = error.message;
    } finally {
      this.closing = false;
      this.confirming = false;
      await this.load();
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-meeting-page': RhRunMeetingPage;
  }
}
