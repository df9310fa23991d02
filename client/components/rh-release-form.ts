import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ConsoleTeam, RunConsole } from '../../server/console/schema.js';
import { api, ApiError } from '../api/client.js';
import { redirectIfSignInNeeded } from '../auth-redirects.js';
import { errorFor, fieldErrorsFrom } from '../form-errors.js';
import { detailsStyles, focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
import type { ChoiceOption, FieldError } from './form-parts.js';
import { choiceStyles, describedBy, formGroupStyles, hintId, renderErrorMessage, renderHint } from './form-parts.js';
import './rh-button.js';
import './rh-checkboxes.js';
import './rh-error-summary.js';
import './rh-field.js';
import './rh-inset-text.js';
import './rh-notification-banner.js';
import { formatClockTime } from './rh-relative-time.js';

type ConsoleInject = ConsoleTeam['injects'][number];

/** A released item's time per team, from the release log. */
export interface ReleasedItem {
  readonly teamId: string;
  readonly kind: 'inject' | 'micro-teach';
  readonly contentId: string;
  readonly releasedAt: string;
}

type Kind = 'inject' | 'micro-teach';

interface ContentChoice {
  readonly value: string;
  readonly kind: Kind;
  readonly contentId: string;
  readonly title: string;
  readonly label: string;
  /** When it is released, in words, and to whom it already went. */
  readonly hint: string;
  /** The facilitator note, folded under the choice. */
  readonly note: string;
  /** The teams whose scenario has it. */
  readonly teams: readonly ConsoleTeam[];
  /** Every one of those teams already has it. */
  readonly releasedToAll: boolean;
}

interface ContentGroup {
  readonly heading: string;
  /** Not yet with every team of the group, in pack order: what can still be released. */
  readonly releasable: readonly ContentChoice[];
  /** Already with every team of the group, folded away below the rest. */
  readonly released: readonly ContentChoice[];
}

interface Outcome {
  readonly count: number;
  readonly sentTo: string;
  readonly alreadyHad: string;
}

const contentFieldId = 'release-content';
const teamsFieldId = 'release-teams';
const reasonFieldId = 'release-reason';
const fieldIds: Record<string, string> = { contentId: contentFieldId, kind: contentFieldId, teamIds: teamsFieldId, reason: reasonFieldId };

/**
 * The console's form for releasing information: what (a radio per inject, grouped per team (teams
 * on the same scenario share a group), each group folded with what it can still be released first
 * and what every team of it already has folded below; each choice with its trigger in words as its
 * hint and the facilitator note folded under it; then the pack's micro-teaches), to which teams
 * (only those whose scenario has the inject, each saying when it already had it; choosing an item
 * that only one team can still get ticks that team, when none is ticked), and why. It sends the release itself and confirms in a success banner; problems
 * show in an error summary linked to the fields. While the run is not live the form says so and
 * cannot be sent.
 *
 * @prop runConsole - the console of the run
 * @prop released - what each team already has, with times (the release log)
 * @fires rh-released - after a release, so the page fetches again
 * @fires rh-form-errors - `{ source: 'release', hasErrors }` when errors appear or clear
 */
@customElement('rh-release-form')
export class RhReleaseForm extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    formGroupStyles,
    choiceStyles,
    detailsStyles,
    css`
      :host {
        display: block;
        margin-bottom: 0;
      }

      .content-group {
        margin-bottom: var(--rh-space-6);
      }

      details.group {
        margin-bottom: 0;
        padding: var(--rh-space-2) 0;
        border-bottom: 1px solid var(--rh-colour-border);
      }

      .group > summary {
        font-weight: var(--rh-font-weight-bold);
      }

      .group > summary .counts {
        color: var(--rh-colour-secondary-text);
        font-weight: var(--rh-font-weight-regular);
      }

      .group-body {
        padding: var(--rh-space-2) 0 var(--rh-space-3);
      }

      .released-heading {
        margin: var(--rh-space-3) 0 var(--rh-space-2);
        font-weight: var(--rh-font-weight-bold);
      }

      details.note {
        margin: 0 0 var(--rh-space-2);
        padding-left: var(--rh-space-2);
        font-size: var(--rh-font-size-small);
      }

      .note p {
        margin: var(--rh-space-1) 0 0;
        padding-left: var(--rh-space-3);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
      }

    `,
  ];

  @property({ attribute: false }) runConsole: RunConsole | undefined;
  @property({ attribute: false }) released: readonly ReleasedItem[] = [];

  @state() private chosen = '';
  @state() private teamIds: readonly string[] = [];
  @state() private reason = '';
  @state() private errors: FieldError[] = [];
  @state() private outcome: Outcome | undefined;
  @state() private sending = false;

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('errors') && (changed.get('errors') as FieldError[] | undefined)?.length !== this.errors.length) {
      this.dispatchEvent(
        new CustomEvent('rh-form-errors', { detail: { source: 'release', hasErrors: this.errors.length > 0 }, bubbles: true, composed: true }),
      );
    }
  }

  override render() {
    const runConsole = this.runConsole;
    if (!runConsole) return nothing;
    const live = runConsole.run.state === 'live';
    const groups = contentGroups(runConsole);
    const choice = groups.flatMap((group) => [...group.releasable, ...group.released]).find((candidate) => candidate.value === this.chosen);
    return html`
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      ${this.outcome
        ? keyed(
            this.outcome.count,
            html`<rh-notification-banner type="success">
              <p>${this.outcome.sentTo}</p>
              ${this.outcome.alreadyHad ? html`<p>${this.outcome.alreadyHad}</p>` : nothing}
            </rh-notification-banner>`,
          )
        : nothing}
      ${live
        ? nothing
        : html`<rh-inset-text
            ><p>You can release information only while the run is live. Automatic releases also wait until then.</p></rh-inset-text
          >`}
      <form novalidate @submit=${this.submit}>
        ${this.renderContent(groups)}
        <rh-checkboxes
          field-id=${teamsFieldId}
          name="teamIds"
          legend="Which teams?"
          hint=${choice?.kind === 'inject' ? 'Only teams whose scenario has this inject. Select all that apply.' : 'Select all that apply.'}
          error=${errorFor(this.errors, teamsFieldId)}
          .options=${this.teamOptions(runConsole, choice)}
          .values=${this.teamIds}
          @rh-change=${(event: CustomEvent<{ values: string[] }>) => (this.teamIds = event.detail.values)}
        ></rh-checkboxes>
        <rh-field
          field-id=${reasonFieldId}
          name="reason"
          type="textarea"
          rows="3"
          label="Reason (optional)"
          hint="Why now? Recorded in the release log."
          error=${errorFor(this.errors, reasonFieldId)}
          .value=${this.reason}
          @input=${(event: Event) => (this.reason = (event.currentTarget as HTMLInputElement).value)}
        ></rh-field>
        <rh-button ?disabled=${!live || this.sending}>Release</rh-button>
      </form>
    `;
  }

  private renderContent(groups: readonly ContentGroup[]) {
    const error = errorFor(this.errors, contentFieldId);
    let index = 0;
    const renderChoice = (choice: ContentChoice) => {
      index += 1;
      const id = `${contentFieldId}-${index}`;
      return html`<div class="choice choice--radio">
        <input
          type="radio"
          id=${id}
          name=${contentFieldId}
          .value=${choice.value}
          .checked=${choice.value === this.chosen}
          aria-describedby=${choice.hint ? hintId(id) : nothing}
          @change=${() => this.choose(choice)}
        />
        <label for=${id}>${choice.label}</label>
        ${renderHint(id, choice.hint)}
        ${choice.note
          ? html`<details class="note">
              <summary>Facilitator note<span class="visually-hidden"> on ${choice.title}</span></summary>
              <p>${choice.note}</p>
            </details>`
          : nothing}
      </div>`;
    };
    return html`
      <div class=${error ? 'content-group form-group form-group--error' : 'content-group form-group'}>
        <fieldset aria-describedby=${describedBy(contentFieldId, '', error)}>
          <legend>What do you want to release?</legend>
          ${renderHint(contentFieldId, '')} ${renderErrorMessage(contentFieldId, error)}
          ${groups.map((group, groupIndex) => {
            // Folded until the facilitator opens a team; the first group's summary takes the field's id,
            // so the error summary's link lands on it.
            return html`<details class="group">
              <summary id=${groupIndex === 0 ? contentFieldId : nothing}>
                ${group.heading}
                <span class="counts">(${group.releasable.length} to release${group.released.length > 0 ? `, ${group.released.length} released` : ''})</span>
              </summary>
              <div class="group-body">
                ${group.releasable.length === 0 ? html`<p>Everything here has been released.</p>` : group.releasable.map(renderChoice)}
                ${group.released.length > 0
                  ? html`<p class="released-heading">Already released</p>
                      ${group.released.map(renderChoice)}`
                  : nothing}
              </div>
            </details>`;
          })}
        </fieldset>
      </div>
    `;
  }

  private teamOptions(runConsole: RunConsole, choice: ContentChoice | undefined): ChoiceOption[] {
    const teams = choice ? choice.teams : runConsole.teams;
    return teams.map((team) => {
      const releasedAt = choice ? this.releasedAt(team, choice) : undefined;
      return {
        value: team.id,
        label: `${team.name} (${team.scenarioTitle})`,
        hint: releasedAt === undefined ? undefined : releasedAt ? `Already released at ${formatClockTime(releasedAt)}` : 'Already released',
      };
    });
  }

  /** When the team had the choice released: a time, '' when it had it at an unknown time, undefined when not. */
  private releasedAt(team: ConsoleTeam, choice: ContentChoice): string | undefined {
    const logged = this.released.find(
      (item) => item.teamId === team.id && item.kind === choice.kind && item.contentId === choice.contentId,
    );
    if (logged) return logged.releasedAt;
    if (choice.kind === 'inject') return team.injects.find((inject) => inject.id === choice.contentId)?.releasedAt ?? undefined;
    return team.microTeachesReleased.includes(choice.contentId) ? '' : undefined;
  }

  private choose(choice: ContentChoice): void {
    this.chosen = choice.value;
    const eligible = new Set(choice.teams.map((team) => team.id));
    const kept = this.teamIds.filter((teamId) => eligible.has(teamId));
    // Chosen from a one-team group: that team is who it is for, unless the facilitator already said.
    // With several teams it could go to, the facilitator ticks them: a release cannot be taken back.
    const without = choice.teams.filter((team) => this.releasedAt(team, choice) === undefined);
    this.teamIds = kept.length > 0 || without.length !== 1 ? kept : [without[0]!.id];
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const runConsole = this.runConsole;
    if (!runConsole || this.sending) return;
    const choice = contentGroups(runConsole)
      .flatMap((group) => [...group.releasable, ...group.released])
      .find((candidate) => candidate.value === this.chosen);
    const reason = this.reason.trim();
    const problems: FieldError[] = [];
    if (!choice) problems.push({ fieldId: contentFieldId, message: 'Choose what to release' });
    if (this.teamIds.length === 0) problems.push({ fieldId: teamsFieldId, message: 'Choose at least one team' });
    if (reason.length > 500) problems.push({ fieldId: reasonFieldId, message: 'Keep the reason under 500 characters' });
    if (!choice || problems.length > 0) {
      this.outcome = undefined;
      this.errors = problems;
      return;
    }
    this.sending = true;
    try {
      const result = await api.post('/runs/{runId}/releases', {
        params: { path: { runId: runConsole.run.id } },
        body: { kind: choice.kind, contentId: choice.contentId, teamIds: [...this.teamIds], ...(reason ? { reason } : {}) },
      });
      const nameOf = (teamId: string) => runConsole.teams.find((team) => team.id === teamId)?.name ?? 'A team';
      const sent = result.released.map((item) => nameOf(item.teamId));
      const had = result.alreadyReleased.map(nameOf);
      this.outcome = {
        count: (this.outcome?.count ?? 0) + 1,
        sentTo: sent.length > 0 ? `${choice.title} went to ${listOf(sent)}.` : `${choice.title} was not sent again.`,
        alreadyHad: had.length > 0 ? `${listOf(had)} already had it, so it was not sent to ${had.length === 1 ? 'that team' : 'those teams'} again.` : '',
      };
      this.errors = [];
      this.chosen = '';
      this.teamIds = [];
      this.reason = '';
      this.dispatchEvent(new CustomEvent('rh-released', { bubbles: true, composed: true }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.outcome = undefined;
      this.errors = fieldErrorsFrom(error, contentFieldId, (fieldId) => fieldIds[fieldId] ?? contentFieldId);
    } finally {
      this.sending = false;
    }
  }
}

/**
 * The release choices, per team: the injects grouped by the teams whose scenario has them (usually
 * one team per scenario; an inject id shared by several scenarios is offered once), each group's
 * items split into those some team of it does not have yet and those all of them have; then the
 * micro-teaches.
 */
function contentGroups(runConsole: RunConsole): ContentGroup[] {
  const byInject = new Map<string, { inject: ConsoleInject; teams: ConsoleTeam[] }>();
  for (const team of runConsole.teams) {
    for (const inject of team.injects) {
      const entry = byInject.get(inject.id) ?? { inject, teams: [] };
      entry.teams.push(team);
      byInject.set(inject.id, entry);
    }
  }
  const groups = new Map<string, ContentChoice[]>();
  for (const { inject, teams } of byInject.values()) {
    const heading = teamsAndScenarios(teams);
    const releasedTo = teams.filter((team) => team.injects.some((candidate) => candidate.id === inject.id && candidate.releasedAt));
    const choices = groups.get(heading) ?? [];
    choices.push({
      value: `inject:${inject.id}`,
      kind: 'inject',
      contentId: inject.id,
      title: inject.title,
      label: `${inject.title} — ${inject.from}`,
      hint: [inject.triggerDescription, releasedTo.length > 0 ? `Released to ${listOf(releasedTo.map((team) => team.name))}` : '']
        .filter(Boolean)
        .join('. '),
      note: inject.facilitatorNote ?? '',
      teams,
      releasedToAll: releasedTo.length === teams.length,
    });
    groups.set(heading, choices);
  }
  const result: ContentGroup[] = [...groups].map(([heading, choices]) => split(heading, choices));
  if (runConsole.microTeaches.length > 0) {
    result.push(
      split(
        'Micro-teaches',
        runConsole.microTeaches.map((microTeach) => ({
          value: `micro-teach:${microTeach.id}`,
          kind: 'micro-teach',
          contentId: microTeach.id,
          title: microTeach.title,
          label: microTeach.title,
          hint: microTeach.summary,
          note: '',
          teams: runConsole.teams,
          releasedToAll: runConsole.teams.every((team) => team.microTeachesReleased.includes(microTeach.id)),
        })),
      ),
    );
  }
  return result;
}

function split(heading: string, choices: readonly ContentChoice[]): ContentGroup {
  return { heading, releasable: choices.filter((choice) => !choice.releasedToAll), released: choices.filter((choice) => choice.releasedToAll) };
}

/** "Team A — Children at home", or "Team A and Team C — Children at home; Team B — Works with children". */
function teamsAndScenarios(teams: readonly ConsoleTeam[]): string {
  const scenarios = new Map<string, { title: string; teams: string[] }>();
  for (const team of teams) {
    const entry = scenarios.get(team.scenarioId) ?? { title: team.scenarioTitle, teams: [] };
    entry.teams.push(team.name);
    scenarios.set(team.scenarioId, entry);
  }
  return [...scenarios.values()].map((scenario) => `${listOf(scenario.teams)} — ${scenario.title}`).join('; ');
}

/** "A", "A and B", "A, B and C". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-release-form': RhReleaseForm;
  }
  interface HTMLElementEventMap {
    'rh-released': CustomEvent<void>;
    'rh-form-errors': CustomEvent<{ source: string; hasErrors: boolean }>;
  }
}
