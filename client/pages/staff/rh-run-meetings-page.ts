import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import type { FieldError } from '../../components/form-parts.js';
import '../../components/rh-page-layout.js';
import { LiveDataController } from '../../controllers/live-data-controller.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { fieldErrorsFrom } from '../../form-errors.js';
import { requestNavigation } from '../../navigation.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type RunMeetings = ApiData<'/runs/{runId}/meetings', 'get'>;

function time(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * The run's meetings for the facilitator and the chair: every meeting convened (by a team's
 * decision or from here), open or closed, with a link to its record; and a form to convene one a
 * team's scenario may need (at a level, for MAPP meetings). Reached from the console; kept current
 * by the run's event stream.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-run-meetings-page')
export class RhRunMeetingsPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles, tableStyles, visuallyHiddenStyles, css``];

  @property({ attribute: 'run-id' }) runId = '';
  @state() private data: RunMeetings | undefined;
  @state() private loadProblem = '';
  @state() private errors: FieldError[] = [];
  @state() private choice = '';
  @state() private level = '';
  @state() private convening = false;

  private readonly live = new LiveDataController(this, {
    url: () => `/api/runs/${encodeURIComponent(this.runId)}/events`,
    resync: () => this.load(),
    handlers: { meeting: () => this.live.resyncSoon() },
  });
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId')) {
      this.data = undefined;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    if (!this.runId) return;
    try {
      this.data = await api.get('/runs/{runId}/meetings', { params: { path: { runId: this.runId } } });
      this.loadProblem = '';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.loadProblem = error.message;
    }
  }

  override render() {
    const back = `/runs/${encodeURIComponent(this.runId)}/console`;
    const data = this.data;
    return html`<rh-page-layout heading="Meetings" back-href=${back} back-label="Back to the console" one-column>
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      ${this.loadProblem ? html`<p role="alert">${this.loadProblem}</p>` : nothing}
      <p><a href="/runs/${encodeURIComponent(this.runId)}/present">Open the presentation view</a> for teams presenting their plans to the room.</p>
      ${data === undefined ? html`<p>Loading…</p>` : html`${this.renderMeetings(data)} ${this.renderConvene(data)}`}
    </rh-page-layout>`;
  }

  private renderMeetings(data: RunMeetings) {
    return html`<h2>Convened</h2>
      ${data.meetings.length === 0
        ? html`<p>No meeting has been convened yet. A team's decision convenes the meeting its scenario needs, or convene one below.</p>`
        : html`<div class="table-scroll" tabindex="0" role="region" aria-label="Meetings convened">
            <table>
              <caption class="visually-hidden">Meetings convened</caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Meeting</th>
                  <th scope="col">Chair</th>
                  <th scope="col">Convened</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${data.meetings.map(
                  (meeting) => html`<tr>
                    <td>${meeting.teamName}</td>
                    <td><a href="/runs/${encodeURIComponent(this.runId)}/meetings/${meeting.id}">${meeting.title}</a></td>
                    <td>${meeting.chair}</td>
                    <td>${time(meeting.convenedAt)}, ${meeting.convenedBy === 'decision' ? "by the team's decision" : 'by a facilitator'}</td>
                    <td>${meeting.closedAt ? `Closed at ${time(meeting.closedAt)}` : 'Open'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}`;
  }

  private renderConvene(data: RunMeetings) {
    if (data.convenable.length === 0) return nothing;
    const options = data.convenable.map((meeting) => ({ value: `${meeting.teamId}/${meeting.meetingId}`, label: `${meeting.teamName}: ${meeting.title}` }));
    const chosen = data.convenable.find((meeting) => `${meeting.teamId}/${meeting.meetingId}` === this.choice);
    return html`<h2>Convene a meeting</h2>
      <form novalidate @submit=${(event: Event) => this.convene(event, data)}>
        <rh-field
          field-id="meeting"
          type="select"
          label="Meeting"
          hint="The meetings teams' scenarios may need that are not convened yet."
          error=${this.errors.find((error) => error.fieldId === 'meeting')?.message ?? ''}
          .value=${this.choice}
          .options=${[{ value: '', label: 'Choose a meeting' }, ...options]}
          @rh-change=${(event: CustomEvent<{ value: string }>) => (this.choice = event.detail.value)}
        ></rh-field>
        ${chosen?.kind === 'mapp-meeting'
          ? html`<rh-field
              field-id="level"
              type="select"
              label="MAPPA level"
              hint="Leave it to take the level the team recorded, if it has."
              error=${this.errors.find((error) => error.fieldId === 'level')?.message ?? ''}
              .value=${this.level}
              .options=${[{ value: '', label: 'The level the team recorded' }, { value: '1', label: 'Level 1' }, { value: '2', label: 'Level 2' }, { value: '3', label: 'Level 3' }]}
              @rh-change=${(event: CustomEvent<{ value: string }>) => (this.level = event.detail.value)}
            ></rh-field>`
          : nothing}
        ${chosen ? html`<p>Chair: ${chosen.chair}. Agencies: ${chosen.agencies.map((agency) => agency.name).join(', ')}.</p>` : nothing}
        <rh-button ?disabled=${this.convening}>Convene the meeting</rh-button>
      </form>`;
  }

  private async convene(event: Event, data: RunMeetings): Promise<void> {
    event.preventDefault();
    const chosen = data.convenable.find((meeting) => `${meeting.teamId}/${meeting.meetingId}` === this.choice);
    if (!chosen) {
      this.errors = [{ fieldId: 'meeting', message: 'Choose the meeting to convene' }];
      return;
    }
    this.convening = true;
    try {
      const convened = await api.post('/runs/{runId}/meetings', {
        params: { path: { runId: this.runId } },
        body: { teamId: chosen.teamId, meetingId: chosen.meetingId, ...(this.level ? { level: Number(this.level) } : {}) },
      });
      this.errors = [];
      requestNavigation(this, `/runs/${encodeURIComponent(this.runId)}/meetings/${convened.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.errors = fieldErrorsFrom(error, 'meeting', (fieldId) => (fieldId === 'level' ? 'level' : 'meeting'));
    } finally {
      this.convening = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-meetings-page': RhRunMeetingsPage;
  }
}
