/**
 * Pieces every page of a team's exercise shares: what to show until the exercise is live, the
 * exercise navigation, and the submitted-work notice.
 */
import { html, nothing } from 'lit';
import type { ReactiveControllerHost } from 'lit';
import '../../components/rh-inset-text.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-team-nav.js';
import type { TeamSection } from '../../components/rh-team-nav.js';
import { AutosaveController } from '../../controllers/autosave-controller.js';
import type { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { whenLoaded } from '../../loading.js';
import { contentNotePage, contentNotePending } from './content-note.js';
import type { TeamScenarioView, TeamSession } from './team-workspace.js';

export interface LiveTeam {
  readonly session: TeamSession;
  readonly scenario: TeamScenarioView;
}

interface LiveOptions {
  /** The page's caption when the scenario could not be loaded. */
  readonly caption?: (session: TeamSession) => string;
  /** What to show until the exercise is live; by default, a pointer back to the holding screen. */
  readonly waiting?: (session: TeamSession) => unknown;
}

/**
 * What `live` renders once the exercise is live, or the page to show instead: loading, a problem,
 * what `waiting` gives until the facilitator starts the exercise, or the pack's content note until
 * the team has read it on this device.
 */
export function whenLive(
  controller: TeamWorkspaceController,
  heading: string,
  live: (team: LiveTeam) => unknown,
  { caption, waiting = (session) => notStarted(heading, session) }: LiveOptions = {},
): unknown {
  const { session, scenario } = controller.workspace;
  const frame = { heading, loading: 'Loading…' };
  return whenLoaded(session, frame, (team) =>
    whenLoaded(scenario, { ...frame, caption: caption?.(team) }, (answer) => {
      if (answer.status !== 'ready') return waiting(team);
      // Before any page of the scenario, once per device: what the exercise contains and who to talk to.
      const note = answer.scenario.pack.contentNote;
      if (note && contentNotePending(answer.scenario, team.team.id)) {
        return contentNotePage(team.team.id, team.team.name, note, () => controller.requestUpdate());
      }
      return live({ session: team, scenario: answer.scenario });
    }),
  );
}

function notStarted(heading: string, session: TeamSession) {
  return html`<rh-page-layout heading=${heading} caption=${session.team.name}>
    <p>The exercise has not started yet. <a href="/team">Wait on the holding screen</a>: it shows the exercise when your facilitator starts it.</p>
  </rh-page-layout>`;
}

/** Autosave of the team's answers for a page that edits or shows them, applying each save's reply to the work. */
export function teamAutosave(host: ReactiveControllerHost, team: TeamWorkspaceController): AutosaveController {
  return new AutosaveController(
    host,
    () => ({ teamId: team.workspace.teamId, work: team.workspace.work }),
    (saved) => team.workspace.applySavedAnswer(saved),
  );
}

export function teamNav(controller: TeamWorkspaceController, current: TeamSection) {
  const { feed, announcement, session, meetings } = controller.workspace;
  const resultsReleased = session.status === 'complete' && session.value.run.state === 'results-released';
  const ended = session.status === 'complete' && session.value.run.state === 'closed';
  const paused = session.status === 'complete' && session.value.run.state === 'live' && session.value.run.paused;
  return html`<rh-team-nav
      current=${current}
      .unread=${feed?.unread ?? 0}
      .announcement=${announcement}
      .resultsReleased=${resultsReleased}
      .hasMeetings=${(meetings?.length ?? 0) > 0}
    ></rh-team-nav>
    ${ended
      ? html`<rh-notification-banner title-text="The exercise has ended" id="exercise-ended">
          <p>Your facilitator has closed the exercise. Your team’s work is kept as it is and can no longer be changed.</p>
        </rh-notification-banner>`
      : nothing}
    ${paused
      ? html`<rh-notification-banner title-text="The exercise is paused" id="exercise-paused">
          <p>Your facilitator has paused the exercise. Nothing timed arrives until it resumes; your work is kept and you can go on with it.</p>
        </rh-notification-banner>`
      : nothing}`;
}

export function caption(team: LiveTeam): string {
  return `${team.session.team.name} – ${team.scenario.scenario.title}`;
}

/** "14:05", in the browser's time zone. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Shown on every page with a form once the team has submitted; the forms are then read-only. */
/**
 * Answers that contradict each other (the pack's contradiction rules), said where the team answers;
 * a polite live region, so the message is heard when an autosaved answer brings it up.
 */
export function contradictionsNotice(contradictions: ReadonlyArray<{ id: string; message: string }> | undefined) {
  return html`<div aria-live="polite">
    ${contradictions && contradictions.length > 0
      ? html`<rh-inset-text
          ><strong>${contradictions.length === 1 ? 'Two of your answers contradict each other' : 'Some of your answers contradict each other'}</strong>
          <ul>
            ${contradictions.map((contradiction) => html`<li>${contradiction.message}</li>`)}
          </ul></rh-inset-text
        >`
      : nothing}
  </div>`;
}

export function submittedNotice(submittedAt: string | null | undefined) {
  if (!submittedAt) return nothing;
  return html`<rh-inset-text
    ><strong>Submitted at ${formatTime(submittedAt)}</strong> — ask a facilitator to reopen it to change anything.</rh-inset-text
  >`;
}
