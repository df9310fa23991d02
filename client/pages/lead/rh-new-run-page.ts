import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CreateRunInput } from '../../../server/runs/schema.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-button.js';
import '../../components/rh-checkboxes.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import '../../components/rh-run-team-fields.js';
import './rh-improvement-plan.js';
import type { ChoiceOption, FieldError } from '../../components/form-parts.js';
import type { SelectOption } from '../../components/rh-field.js';
import type { TeamChange } from '../../components/rh-run-team-fields.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { whenPartLoaded } from '../../loading.js';
import { requestNavigation } from '../../navigation.js';
import { focusField } from '../../shadow-dom.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

const title = 'Create a run';

type PackSummary = ApiData<'/packs', 'get'>['packs'][number];
const defaultTeamCount = 3;
const maximumTeams = 20;

interface TeamDraft {
  /** Stable across adds and removes, so each team keeps its own fields. */
  readonly key: number;
  readonly name: string;
  readonly scenarioId: string;
}

/** The value of a pack radio: one exact version of one pack. */
function packChoice(pack: Pick<PackSummary, 'packId' | 'version'>): string {
  return `${pack.packId}@${pack.version}`;
}

/**
 * A lead creates a run: which pack version, the cohort, the day, and the teams with the scenario
 * each works. Teams start as "Team 1" to "Team 3", given the pack's scenarios in turn. Problems the
 * server finds (such as two teams with one name) appear on the field concerned and in the error
 * summary. Assessors cannot be chosen here yet.
 */
@customElement('rh-new-run-page')
export class RhNewRunPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      .teams {
        margin: 0 0 var(--rh-space-6);
        padding: 0;
        border: 0;
      }
    `,
  ];

  private readonly packs = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/packs', { signal }), staff: true });
  private readonly staff = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/staff', { signal }), staff: true });
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  @state() private assessorIds: string[] = [];
  @state() private errors: FieldError[] = [];
  @state() private packValue = '';
  @state() private cohortLabel = '';
  @state() private exerciseDate = '';
  @state() private teams: TeamDraft[] = Array.from({ length: defaultTeamCount }, (_, index) => ({
    key: index,
    name: `Team ${index + 1}`,
    scenarioId: '',
  }));
  @state() private submitting = false;
  private nextKey = defaultTeamCount;

  override render() {
    return html`
      <rh-page-layout heading=${title} back-href="/runs" back-label="Back to runs">
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        ${this.renderBody()}
      </rh-page-layout>
    `;
  }

  private renderBody() {
    return whenPartLoaded(this.packs.state, 'Loading the exercise packs…', ({ packs }) => this.renderForm(packs));
  }

  private renderForm(packs: readonly PackSummary[]) {
    if (packs.length === 0) {
      return html`<p>There are no exercise packs to run yet. Ask your administrator to import one.</p>`;
    }
    const packOptions: ChoiceOption[] = packs.map((pack) => ({
      value: packChoice(pack),
      label: `${pack.title} (version ${pack.version})`,
      hint: pack.summary,
    }));
    const scenarios = this.scenarioOptions();
    return html`
      <form novalidate @submit=${this.submit}>
        <rh-radios
          field-id="pack"
          name="pack"
          legend="Which exercise pack will teams work?"
          .options=${packOptions}
          .value=${this.packValue}
          .error=${errorFor(this.errors, 'pack')}
          @rh-change=${this.choosePack}
        ></rh-radios>
        ${this.selectedPack() ? html`<rh-improvement-plan open-only pack-id=${this.selectedPack()!.packId}></rh-improvement-plan>` : nothing}
        <rh-field
          field-id="cohortLabel"
          name="cohortLabel"
          label="Cohort"
          hint="The course or group taking part, like PPU 2026"
          .value=${this.cohortLabel}
          .error=${errorFor(this.errors, 'cohortLabel')}
        ></rh-field>
        <rh-field
          field-id="exerciseDate"
          name="exerciseDate"
          type="date"
          label="Exercise date"
          hint="The day teams work the exercise"
          .value=${this.exerciseDate}
          .error=${errorFor(this.errors, 'exerciseDate')}
        ></rh-field>

        <h2>Teams</h2>
        <p>Give each team a name they will recognise and the scenario they will work. Teams pick their name from this list when they join.</p>
        ${scenarios.length === 0
          ? html`<rh-inset-text>Choose an exercise pack to give each team a scenario.</rh-inset-text>`
          : nothing}
        ${repeat(
          this.teams,
          (team) => team.key,
          (team, index) => html`<rh-run-team-fields
            index=${index}
            .name=${team.name}
            .scenarioId=${team.scenarioId}
            .scenarios=${scenarios}
            .nameError=${errorFor(this.errors, `teams-${index}-name`)}
            .scenarioError=${errorFor(this.errors, `teams-${index}-scenarioId`)}
            ?removable=${this.teams.length > 1}
            @rh-team-change=${(event: CustomEvent<TeamChange>) => this.changeTeam(team.key, event.detail)}
            @rh-team-remove=${() => this.removeTeam(team.key)}
          ></rh-run-team-fields>`,
        )}
        ${this.teams.length < maximumTeams
          ? html`<rh-button id="add-team" type="button" variant="secondary" @click=${this.addTeam}>Add another team</rh-button>`
          : html`<p>A run can have at most ${maximumTeams} teams.</p>`}

        ${this.renderAssessors()}

        <rh-button>Create run</rh-button>
      </form>
    `;
  }

  private renderAssessors() {
    const state = this.staff.state;
    if (state.status === 'pending') return html`<p>Loading your organisation's staff…</p>`;
    if (state.status === 'failed') return html`<p>Your organisation's staff could not be loaded: ${state.error.message}</p>`;
    const options = state.value.staff.map((person) => ({
      value: person.id,
      label: person.displayName,
      hint: `${person.email}${person.role === 'lead' ? ' (L&D lead)' : ''}`,
    }));
    return html`<rh-checkboxes
      field-id="assessorIds"
      name="assessorIds"
      legend="Assessors"
      hint="They will see this run, mark its teams and can release information during the day. You can leave this empty."
      .options=${options}
      .values=${this.assessorIds}
      .error=${errorFor(this.errors, 'assessorIds')}
      @rh-change=${(event: CustomEvent<{ values: string[] }>) => (this.assessorIds = event.detail.values)}
    ></rh-checkboxes>`;
  }

  private selectedPack(): PackSummary | undefined {
    return this.packs.completed?.packs.find((pack) => packChoice(pack) === this.packValue);
  }

  private scenarioOptions(): SelectOption[] {
    return (this.selectedPack()?.scenarios ?? []).map((scenario) => ({ value: scenario.id, label: scenario.title }));
  }

  private choosePack(event: CustomEvent<{ value: string }>): void {
    this.packValue = event.detail.value;
    // A new pack has its own scenarios: give them to the teams in turn.
    const scenarioIds = this.scenarioOptions().map((option) => option.value);
    this.teams = this.teams.map((team, index) => ({ ...team, scenarioId: scenarioIds[index % scenarioIds.length] ?? '' }));
  }

  private changeTeam(key: number, change: TeamChange): void {
    this.teams = this.teams.map((team) => (team.key === key ? { ...team, ...change } : team));
  }

  private async addTeam(): Promise<void> {
    const scenarioIds = this.scenarioOptions().map((option) => option.value);
    const index = this.teams.length;
    this.teams = [
      ...this.teams,
      { key: this.nextKey++, name: `Team ${index + 1}`, scenarioId: scenarioIds[index % scenarioIds.length] ?? '' },
    ];
    await this.updateComplete;
    const added = this.renderRoot.querySelectorAll('rh-run-team-fields')[index];
    await added?.updateComplete;
    focusField(`teams-${index}-name`);
  }

  private async removeTeam(key: number): Promise<void> {
    this.teams = this.teams.filter((team) => team.key !== key);
    // The errors were about positions that have now moved; the next submit checks again.
    this.errors = this.errors.filter((error) => !error.fieldId.startsWith('teams-'));
    await this.updateComplete;
    // The error summary takes focus when its errors change; give it back to the button after.
    await this.renderRoot.querySelector('rh-error-summary')?.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#add-team')?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const form = new FormData(event.target as HTMLFormElement);
    this.cohortLabel = String(form.get('cohortLabel') ?? '');
    this.exerciseDate = String(form.get('exerciseDate') ?? '');
    const pack = this.selectedPack();
    const problems: FieldError[] = [
      ...(pack ? [] : [{ fieldId: 'pack', message: 'Choose an exercise pack' }]),
      ...(this.cohortLabel.trim() === '' ? [{ fieldId: 'cohortLabel', message: 'Enter a cohort label, like PPU 2026' }] : []),
      ...(this.exerciseDate === '' ? [{ fieldId: 'exerciseDate', message: 'Enter the exercise date' }] : []),
      ...this.teams.flatMap((team, index) =>
        team.name.trim() === '' ? [{ fieldId: `teams-${index}-name`, message: `Enter a name for team ${index + 1}` }] : [],
      ),
    ];
    if (!pack || problems.length > 0) {
      this.errors = problems;
      return;
    }
    const request: CreateRunInput = {
      packId: pack.packId,
      version: pack.version,
      cohortLabel: this.cohortLabel.trim(),
      exerciseDate: this.exerciseDate,
      teams: this.teams.map((team) => ({ name: team.name.trim(), scenarioId: team.scenarioId })),
      assessorIds: this.assessorIds,
    };
    this.submitting = true;
    try {
      const run = await api.post('/runs', { body: request });
      requestNavigation(this, `/runs/${run.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = fieldErrorsFrom(error, 'pack', fieldOnThisPage);
    } finally {
      this.submitting = false;
    }
  }
}

/** API detail paths this page shows on another field: the pack's id and version are one choice. */
function fieldOnThisPage(fieldId: string): string {
  if (fieldId === 'packId' || fieldId === 'version') return 'pack';
  if (fieldId === 'teams') return 'add-team';
  return fieldId;
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-new-run-page': RhNewRunPage;
  }
}
