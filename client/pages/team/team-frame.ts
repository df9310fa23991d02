/**
 * Pieces every page of a team's exercise shares: what to show until the exercise is live, the
 * exercise navigation, and the submitted-work notice.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { TeamScenarioView } from '../../../server/packs/views.js';
import type { TeamSession } from '../../../server/teams/schema.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-team-nav.js';
import type { TeamSection } from '../../components/rh-team-nav.js';
import type { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';

export interface LiveTeam {
  readonly session: TeamSession;
  readonly scenario: TeamScenarioView;
}

/**
 * The session and scenario once the exercise is live, or the page to show instead: loading, a
 * problem, or (on the pages after the referral) a pointer back to the holding screen.
 */
export function liveTeamOr(controller: TeamWorkspaceController, heading: string): LiveTeam | TemplateResult {
  const { session, scenario } = controller.workspace;
  if (session.status === 'loading') return html`<rh-page-layout heading=${heading}><p>Loading…</p></rh-page-layout>`;
  if (session.status === 'failed') return html`<rh-page-layout heading=${heading}><p>${session.error.message}</p></rh-page-layout>`;
  if (scenario.status === 'ready') return { session: session.value, scenario: scenario.value };
  if (scenario.status === 'failed') return html`<rh-page-layout heading=${heading}><p>${scenario.error.message}</p></rh-page-layout>`;
  if (scenario.status === 'loading') return html`<rh-page-layout heading=${heading}><p>Loading…</p></rh-page-layout>`;
  return html`<rh-page-layout heading=${heading} caption=${session.value.team.name}>
    <p>The exercise has not started yet. <a href="/team">Wait on the holding screen</a>: it shows the exercise when your facilitator starts it.</p>
  </rh-page-layout>`;
}

export function isLiveTeam(value: LiveTeam | TemplateResult): value is LiveTeam {
  return 'session' in value && 'scenario' in value;
}

export function teamNav(controller: TeamWorkspaceController, current: TeamSection) {
  const { feed, announcement, session } = controller.workspace;
  const resultsReleased = session.status === 'loaded' && session.value.run.state === 'results-released';
  return html`<rh-team-nav
    current=${current}
    .unread=${feed?.unread ?? 0}
    .announcement=${announcement}
    .resultsReleased=${resultsReleased}
  ></rh-team-nav>`;
}

export function caption(team: LiveTeam): string {
  return `${team.session.team.name} – ${team.scenario.scenario.title}`;
}

/** "14:05", in the browser's time zone. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Shown on every page with a form once the team has submitted; the forms are then read-only. */
export function submittedNotice(submittedAt: string | null | undefined) {
  if (!submittedAt) return nothing;
  return html`<rh-inset-text
    ><strong>Submitted at ${formatTime(submittedAt)}</strong> — ask a facilitator to reopen it to change anything.</rh-inset-text
  >`;
}
