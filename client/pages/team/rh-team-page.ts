import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { referralSections } from './referral-sections.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { formatIsoDate } from '../../format.js';
import { deepQuerySelector } from '../../shadow-dom.js';
import { markdown } from '../../lazy-markdown.js';
import { detailsStyles, focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';
import { contentNoteHeading, contentNotePending } from './content-note.js';
import { teamNav, whenLive } from './team-frame.js';
import type { LiveTeam } from './team-frame.js';
import type { TeamSession } from './team-workspace.js';

const holdingTitle = 'Your exercise';

/**
 * A team's exercise. Until the facilitator starts the run it is a holding screen, which listens to
 * the team's event stream (asking again every few seconds only while the stream is down) and shows
 * the scenario the moment the run goes live, without a reload. Then it shows the referral (the
 * phone call, which can be read aloud, and the email) and the analysts' profiles, under the
 * navigation to the rest of the exercise, with the pack's content note (who to talk to) to open
 * again at the foot. A browser that has not joined is sent to the join page.
 */
@customElement('rh-team-page')
export class RhTeamPage extends LitElement {
  static override styles = [
    detailsStyles,
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      section {
        margin-bottom: var(--rh-space-7);
      }

      .details-text {
        margin-top: var(--rh-space-2);
        padding: var(--rh-space-3);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
      }
    `,
  ];

  private readonly team = new TeamWorkspaceController(this);
  private readonly documentTitle = new PageTitleController(this, () => {
    const { liveScenario, teamId } = this.team.workspace;
    // The scenario's title waits, like the referral, until the content note has been read.
    if (liveScenario && teamId && contentNotePending(liveScenario, teamId)) return { title: contentNoteHeading };
    return { title: liveScenario?.scenario.title };
  });

  private shownScenarioId = '';
  /** Whether the holding screen was shown first (rather than the scenario straight away). */
  private hadHoldingScreen = false;

  override async updated(): Promise<void> {
    const scenario = this.team.workspace.liveScenario;
    if (!scenario || this.shownScenarioId === scenario.scenario.id) return;
    const wasWaiting = this.shownScenarioId === '';
    this.shownScenarioId = scenario.scenario.id;
    // The whole page changed under the team: start them at its new heading, as a navigation would.
    if (wasWaiting && this.hadHoldingScreen) {
      const layout = this.renderRoot.querySelector('rh-page-layout');
      await layout?.updateComplete;
      const heading = layout?.shadowRoot ? deepQuerySelector('h1', layout.shadowRoot) : null;
      if (heading instanceof HTMLElement) heading.focus();
    }
  }

  override render() {
    return whenLive(this.team, holdingTitle, (live) => this.renderScenario(live), {
      caption: (session) => session.team.name,
      waiting: (session) => {
        this.hadHoldingScreen = true;
        return this.renderHoldingScreen(session);
      },
    });
  }

  private renderHoldingScreen(session: TeamSession) {
    return html`
      <rh-page-layout heading=${holdingTitle} caption=${`${session.run.cohortLabel}, ${formatIsoDate(session.run.exerciseDate)}`}>
        <div role="status">
          <p class="lead">You have joined as ${session.team.name}.</p>
          <p>The exercise has not started yet.</p>
        </div>
        <p>Keep this page open: it will show the exercise when your facilitator starts it.</p>
        ${teamCodeNote(session)}
        <p>While you wait, you may answer a short <a href="/team/survey">anonymous confidence survey</a> on your own device.</p>
      </rh-page-layout>
    `;
  }

  private renderScenario({ session, scenario: view }: LiveTeam) {
    return html`
      ${teamNav(this.team, 'referral')}
      <rh-page-layout heading=${view.scenario.title} caption=${`${session.team.name} – ${view.pack.title}`}>
        ${view.pack.disclaimer ? html`<rh-inset-text>${view.pack.disclaimer}</rh-inset-text>` : nothing}
        <p>Optional, on your own device: the <a href="/team/survey">anonymous confidence survey</a>.</p>
        ${referralSections(view)}
        ${view.pack.contentNote
          ? html`<details>
              <summary>What this exercise contains, and who to talk to</summary>
              <div class="details-text">${markdown(view.pack.contentNote)}</div>
            </details>`
          : nothing}
        ${teamCodeNote(session)}
      </rh-page-layout>
    `;
  }
}

/** Team mates on other devices join with the team's own code once someone has joined the team. */
function teamCodeNote(session: TeamSession) {
  return html`<h2>Team mates on other devices</h2>
    <p>They join at /join with your team code: <strong class="team-code">${session.team.joinCode}</strong></p>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-page': RhTeamPage;
  }
}
