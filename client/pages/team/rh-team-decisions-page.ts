import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RecordedDecision } from '../../../server/workspace/schema.js';
import '../../components/rh-button-link.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-summary-list.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';
import { justificationText, ndmParts } from './ndm.js';
import { caption, formatTime, submittedNotice, teamNav, whenLive } from './team-frame.js';
import type { LiveTeam } from './team-frame.js';

const title = 'Decision log';

/**
 * The team's decision log, newest first: each decision with the option chosen and its reasoning
 * under the National Decision Model, and a way to record each of the scenario's decisions. After
 * recording, it confirms with a success banner.
 *
 * @attr recorded - the decision just recorded (`?recorded=<decision id>` in the address)
 */
@customElement('rh-team-decisions-page')
export class RhTeamDecisionsPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  private readonly team = new TeamWorkspaceController(this);
  @property() recorded = '';

  override render() {
    return whenLive(this.team, title, (live) => this.renderLog(live));
  }

  private renderLog(live: LiveTeam) {
    const work = this.team.workspace.work;
    const points = live.scenario.decisionPoints;
    const recordedPoint = points.find((point) => point.id === this.recorded);
    return html`
      ${teamNav(this.team, 'decisions')}
      <rh-page-layout heading=${title} caption=${caption(live)}>
        ${recordedPoint
          ? html`<rh-notification-banner type="success">
              <p><strong>Your decision is recorded:</strong> ${recordedPoint.question}</p>
            </rh-notification-banner>`
          : nothing}
        ${submittedNotice(work?.submittedAt)}
        <p>Record each decision as you make it, with your reasoning under the National Decision Model. If you change your mind, record it again: the log keeps every entry, and the latest counts.</p>
        ${work?.submittedAt
          ? nothing
          : html`<h2>Record a decision</h2>
              <ul>
                ${points.map(
                  (point) => html`<li><a href=${`/team/decisions/new?decision=${encodeURIComponent(point.id)}`}>${point.question}</a></li>`,
                )}
              </ul>`}
        <h2>Decisions recorded</h2>
        ${!work
          ? html`<p>Loading…</p>`
          : work.decisions.length === 0
            ? html`<p>Your team has not recorded a decision yet.</p>`
            : work.decisions.map((decision) => this.renderDecision(live, decision))}
      </rh-page-layout>
    `;
  }

  private renderDecision(live: LiveTeam, decision: RecordedDecision) {
    const point = live.scenario.decisionPoints.find((candidate) => candidate.id === decision.decisionId);
    const chosen = decision.options.map((option) => point?.options.find((candidate) => candidate.id === option)?.label ?? option).join(', ');
    return html`
      <h3>${point?.question ?? decision.decisionId}</h3>
      <rh-summary-list
        .rows=${[
          { key: 'Decision', value: chosen },
          ...ndmParts.map((part) => ({ key: part.label, value: justificationText(decision.justification, part.key) })),
          { key: 'Recorded at', value: formatTime(decision.recordedAt) },
        ]}
      ></rh-summary-list>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-decisions-page': RhTeamDecisionsPage;
  }
}
