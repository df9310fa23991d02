import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import '../../components/rh-meeting-record.js';
import type { MeetingRecord } from '../../components/rh-meeting-record.js';
import '../../components/rh-page-layout.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';
import { caption, formatTime, teamNav, whenLive } from './team-frame.js';
import type { LiveTeam } from './team-frame.js';

const title = 'Meetings';

/**
 * The meetings the team attends (a MAPP meeting, a strategy discussion …), each with its agenda,
 * who chairs and who attends, and its shared record, which the team's members write into beside
 * the chair and the assessors playing the agencies. While a meeting is open the record is live;
 * once the chair closes it, it is shown as the meeting's final minutes.
 */
@customElement('rh-team-meetings-page')
export class RhTeamMeetingsPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      .meeting {
        margin-bottom: var(--rh-space-9);
      }

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
    `,
  ];

  @state() private records: MeetingRecord[] | undefined;
  @state() private loadProblem = '';
  private loadedChanges = -1;

  private readonly team = new TeamWorkspaceController(this);
  private readonly documentTitle = new PageTitleController(this, () => ({}));

  override willUpdate(_changed: PropertyValues<this>): void {
    // A meeting event (or the stream reopening) bumps the workspace's count: read the records again.
    const changes = this.team.workspace.meetingChanges;
    if (changes !== this.loadedChanges && this.team.workspace.meetings) {
      this.loadedChanges = changes;
      void this.loadRecords();
    }
  }

  private async loadRecords(): Promise<void> {
    const meetings = this.team.workspace.meetings ?? [];
    try {
      this.records = await Promise.all(meetings.map((meeting) => api.get('/team/meetings/{meetingId}', { params: { path: { meetingId: meeting.id } } })));
      this.loadProblem = '';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.loadProblem = error.message;
    }
  }

  override render() {
    return whenLive(this.team, title, (live) => this.renderMeetings(live));
  }

  private renderMeetings(live: LiveTeam) {
    const records = this.records;
    return html`
      ${teamNav(this.team, 'meetings')}
      <rh-page-layout heading=${title} caption=${caption(live)} one-column>
        ${this.loadProblem ? html`<p role="alert">${this.loadProblem}</p>` : nothing}
        ${records === undefined
          ? html`<p>Loading…</p>`
          : records.length === 0
            ? html`<p>No meeting has been convened for your team yet. A meeting appears here when your decisions convene one, or when your facilitator does.</p>`
            : records.map((record) => this.renderMeeting(record))}
      </rh-page-layout>
    `;
  }

  private renderMeeting(record: MeetingRecord) {
    return html`<article class="meeting" aria-labelledby="meeting-${record.id}">
      <h2 id="meeting-${record.id}">${record.title}</h2>
      <dl>
        <dt>Chair</dt>
        <dd>${record.chair}</dd>
        ${record.level !== null ? html`<dt>MAPPA level</dt><dd>${record.level}</dd>` : nothing}
        <dt>When</dt>
        <dd>${record.scheduledAt ? formatTime(record.scheduledAt) : `Convened at ${formatTime(record.convenedAt)}; the chair will say when it starts`}</dd>
        <dt>Agencies attending</dt>
        <dd>${record.agencies.length > 0 ? record.agencies.map((agency) => agency.name).join(', ') : 'None yet'}</dd>
        <dt>Status</dt>
        <dd>${record.closedAt ? `Closed at ${formatTime(record.closedAt)}: these are the final minutes` : 'Open: everyone present writes the record'}</dd>
      </dl>
      <rh-meeting-record .record=${record} @rh-meeting-changed=${() => void this.loadRecords()}></rh-meeting-record>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-meetings-page': RhTeamMeetingsPage;
  }
}
