import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ConsoleTeam, RunConsole } from '../../server/console/schema.js';
import { api, ApiError } from '../api/client.js';
import { redirectIfSignInNeeded } from '../auth-redirects.js';
import { errorFor, fieldErrorsFrom } from '../form-errors.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
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
  readonly hint: string;
  /** The teams whose scenario has it. */
  readonly teams: readonly ConsoleTeam[];
}

interface ContentGroup {
  readonly heading: string;
  readonly choices: readonly ContentChoice[];
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
 * The console's form for releasing information: what (a radio per inject, grouped by the scenarios
 * that have it, each with its trigger in words and the facilitator note as its hint, then the pack's
 * micro-teaches), to which teams (only those whose scenario has the inject, each saying when it
 * already had it), and why. It sends the release itself and confirms in a success banner; problems
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
    css`
      :host {
        display: block;
        margin-bottom: 0;
      }

      .content-group {
        margin-bottom: var(--rh-space-6);
      }

      .group + .group {
        margin-top: var(--rh-space-5);
      }

      .group-heading {
        margin: 0 0 var(--rh-space-3);
        font-size: var(--rh-font-size-heading-s);
        font-weight: var(--rh-font-weight-bold);
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
    const choice = groups.flatMap((group) => group.choices).find((candidate) => candidate.value === this.chosen);
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
    return html`
      <div class=${error ? 'content-group form-group form-group--error' : 'content-group form-group'}>
        <fieldset aria-describedby=${describedBy(contentFieldId, '', error)}>
          <legend>What do you want to release?</legend>
          ${renderHint(contentFieldId, '')} ${renderErrorMessage(contentFieldId, error)}
          ${groups.map((group, groupIndex) => {
            const headingId = `release-group-${groupIndex + 1}`;
            return html`<div class="group" role="group" aria-labelledby=${headingId}>
              <p class="group-heading" id=${headingId}>${group.heading}</p>
              ${group.choices.map((choice) => {
                index += 1;
                const id = index === 1 ? contentFieldId : `${contentFieldId}-${index}`;
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
                </div>`;
              })}
            </div>`;
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
    this.teamIds = this.teamIds.filter((teamId) => eligible.has(teamId));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const runConsole = this.runConsole;
    if (!runConsole || this.sending) return;
    const choice = contentGroups(runConsole)
      .flatMap((group) => group.choices)
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
 * The release choices: the injects grouped by the scenarios that have them (usually one group per
 * scenario; an inject id shared by several scenarios is offered once), then the micro-teaches.
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
    const heading = `Injects for ${listOf(scenariosOf(teams))}`;
    const hint = [inject.triggerDescription, inject.facilitatorNote ? `Note: ${inject.facilitatorNote}` : '']
      .filter(Boolean)
      .join('. ');
    const choices = groups.get(heading) ?? [];
    choices.push({
      value: `inject:${inject.id}`,
      kind: 'inject',
      contentId: inject.id,
      title: inject.title,
      label: `${inject.title} — ${inject.from}`,
      hint,
      teams,
    });
    groups.set(heading, choices);
  }
  const result: ContentGroup[] = [...groups].map(([heading, choices]) => ({ heading, choices }));
  if (runConsole.microTeaches.length > 0) {
    result.push({
      heading: 'Micro-teaches',
      choices: runConsole.microTeaches.map((microTeach) => ({
        value: `micro-teach:${microTeach.id}`,
        kind: 'micro-teach',
        contentId: microTeach.id,
        title: microTeach.title,
        label: microTeach.title,
        hint: microTeach.summary,
        teams: runConsole.teams,
      })),
    });
  }
  return result;
}

/** "Children at home (Team A, Team C)" per scenario, in the order the teams come. */
function scenariosOf(teams: readonly ConsoleTeam[]): string[] {
  const scenarios = new Map<string, { title: string; teams: string[] }>();
  for (const team of teams) {
    const entry = scenarios.get(team.scenarioId) ?? { title: team.scenarioTitle, teams: [] };
    entry.teams.push(team.name);
    scenarios.set(team.scenarioId, entry);
  }
  return [...scenarios.values()].map((scenario) => `${scenario.title} (${scenario.teams.join(', ')})`);
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
