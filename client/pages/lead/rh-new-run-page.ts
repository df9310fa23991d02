import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CreateRunInput, UpdateRunRequest } from '../../../server/runs/schema.js';
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
import { firstParagraphText, renderMarkdown } from '../../markdown.js';
import { detailsStyles, focusStyles, linkStyles, tableStyles, typographyStyles } from '../../styles/shared.js';

const title = 'Create a run';
const editTitle = 'Change a draft run';

type PackSummary = ApiData<'/packs', 'get'>['packs'][number];
type RunDetail = ApiData<'/runs/{runId}', 'get'>;
const defaultTeamCount = 3;
const maximumTeams = 20;

interface TeamDraft {
  /** Stable across adds and removes, so each team keeps its own fields. */
  readonly key: number;
  readonly name: string;
  readonly scenarioId: string;
  /** The team's id when changing a draft: it keeps its code. */
  readonly id?: string;
  /** Assessors who mark this team; empty for any of the run's assessors. */
  readonly assessorIds: readonly string[];
}

/** The value of a pack radio: one exact version of one pack. */
function packChoice(pack: Pick<PackSummary, 'packId' | 'version'>): string {
  return `${pack.packId}@${pack.version}`;
}

/**
 * A lead creates a run: which pack version, the cohort, the day, the teams with the scenario each
 * works, the assessors, how many of them mark each team (2 or more is double marking) and, if
 * wanted, which assessors mark which team. Teams start as "Team 1" to "Team 3", given the pack's
 * scenarios in turn. With `run-id` the same form changes a draft run (its pack version stays).
 * Problems the server finds (such as two teams with one name) appear on the field concerned and in
 * the error summary.
 *
 * @attr run-id - the draft run to change; empty to create a new run
 */
@customElement('rh-new-run-page')
export class RhNewRunPage extends LitElement {
  static override styles = [
    detailsStyles,
    tableStyles,
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      details.pack-summary {
        margin: calc(-1 * var(--rh-space-4)) 0 var(--rh-space-4);
      }

      details.pack-summary + details.pack-summary {
        margin-top: 0;
      }

      .teams {
        margin: 0 0 var(--rh-space-6);
        padding: 0;
        border: 0;
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';

  private readonly editing = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: ([runId], signal) => (runId ? api.get('/runs/{runId}', { params: { path: { runId } }, signal }) : Promise.resolve(undefined)),
    staff: true,
  });
  private prefilledFrom: string | undefined;
  private readonly packs = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/packs', { signal }), staff: true });
  private readonly staff = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/staff', { signal }), staff: true });
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  @state() private assessorIds: string[] = [];
  @state() private assessorsPerTeam = 1;
  @state() private errors: FieldError[] = [];
  @state() private packValue = '';
  @state() private cohortLabel = '';
  @state() private exerciseDate = '';
  @state() private teams: TeamDraft[] = Array.from({ length: defaultTeamCount }, (_, index) => ({
    key: index,
    name: `Team ${index + 1}`,
    scenarioId: '',
    assessorIds: [],
  }));
  @state() private submitting = false;
  private nextKey = defaultTeamCount;

  override willUpdate(changed: PropertyValues<this>): void {
    const run = this.editing.completed;
    if (run && this.prefilledFrom !== run.id) this.prefill(run);
    if (changed.has('runId') && !this.runId) this.prefilledFrom = undefined;
  }

  /** The form starts from the draft run being changed. */
  private prefill(run: RunDetail): void {
    this.prefilledFrom = run.id;
    this.packValue = packChoice(run.pack);
    this.cohortLabel = run.cohortLabel;
    this.exerciseDate = run.exerciseDate;
    this.assessorIds = run.assessors.map((assessor) => assessor.id);
    this.assessorsPerTeam = run.assessorsPerTeam;
    this.teams = run.teams.map((team) => ({ key: this.nextKey++, id: team.id, name: team.name, scenarioId: team.scenarioId, assessorIds: team.assessorIds }));
  }

  override render() {
    const heading = this.runId ? editTitle : title;
    const back = this.runId ? `/runs/${encodeURIComponent(this.runId)}` : '/runs';
    return html`
      <rh-page-layout heading=${heading} back-href=${back} back-label=${this.runId ? 'Back to the run' : 'Back to runs'}>
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        ${this.renderBody()}
      </rh-page-layout>
    `;
  }

  private renderBody() {
    if (this.runId) {
      return whenPartLoaded(this.editing.state, 'Loading the run…', (run) =>
        run && run.state !== 'draft'
          ? html`<p>Only a draft run can be changed, and this one is no longer a draft. <a href=${`/runs/${encodeURIComponent(run.id)}`}>Back to the run</a></p>`
          : whenPartLoaded(this.packs.state, 'Loading the exercise packs…', ({ packs }) => this.renderForm(packs, run)),
      );
    }
    return whenPartLoaded(this.packs.state, 'Loading the exercise packs…', ({ packs }) => this.renderForm(packs));
  }

  private renderForm(packs: readonly PackSummary[], editing?: RunDetail) {
    if (packs.length === 0) {
      return html`<p>There are no exercise packs to run yet. Ask your administrator to import one.</p>`;
    }
    const packOptions: ChoiceOption[] = packs.map((pack) => ({
      value: packChoice(pack),
      label: `${pack.title} (version ${pack.version})`,
      // The hint is the summary's first paragraph as text; the whole summary, with its tables, is below.
      hint: firstParagraphText(pack.summary),
    }));
    const scenarios = this.scenarioOptions();
    return html`
      <form novalidate @submit=${this.submit}>
        ${editing
          ? html`<p><strong>Pack:</strong> ${editing.pack.title} (version ${editing.pack.version}). To use another version, duplicate the run instead.</p>`
          : html`<rh-radios
                field-id="pack"
                name="pack"
                legend="Which exercise pack will teams work?"
                .options=${packOptions}
                .value=${this.packValue}
                .error=${errorFor(this.errors, 'pack')}
                @rh-change=${this.choosePack}
              ></rh-radios>
              ${packs.map(
                (pack) => html`<details class="pack-summary">
                  <summary>More about ${pack.title}</summary>
                  <div class="table-scroll" tabindex="0" role="region" aria-label=${`About ${pack.title}`}>${renderMarkdown(pack.summary)}</div>
                </details>`,
              )}
              ${this.selectedPack() ? html`<rh-improvement-plan open-only pack-id=${this.selectedPack()!.packId}></rh-improvement-plan>` : nothing}`}
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

        <rh-button ?disabled=${this.submitting}>${editing ? 'Save changes' : 'Create run'}</rh-button>
      </form>
    `;
  }

  private renderAssessors() {
    const state = this.staff.state;
    if (state.status === 'pending') return html`<p>Loading your organisation's staff…</p>`;
    if (state.status === 'failed') return html`<p>Your organisation's staff could not be loaded: ${state.error.message}</p>`;
    // A disabled account cannot sign in to mark, so it is offered only if it is already on the run.
    const offered = state.value.staff.filter((person) => person.disabledAt === null || this.assessorIds.includes(person.id));
    const options = offered.map((person) => ({
      value: person.id,
      label: person.displayName,
      hint: `${person.email}${person.role === 'lead' ? ' (L&D lead)' : ''}`,
    }));
    const chosen = options.filter((option) => this.assessorIds.includes(option.value));
    const perTeamOptions = Array.from({ length: Math.max(1, chosen.length) }, (_, index) => ({
      value: String(index + 1),
      label: index === 0 ? '1 (single marking)' : `${index + 1} (double marking)`,
    }));
    return html`<rh-checkboxes
        field-id="assessorIds"
        name="assessorIds"
        legend="Assessors"
        hint="They will see this run, mark its teams and can release information during the day. You can leave this empty."
        .options=${options}
        .values=${this.assessorIds}
        .error=${errorFor(this.errors, 'assessorIds')}
        @rh-change=${(event: CustomEvent<{ values: string[] }>) => this.chooseAssessors(event.detail.values)}
      ></rh-checkboxes>
      ${chosen.length > 0
        ? html`<rh-field
              field-id="assessorsPerTeam"
              type="select"
              label="How many assessors mark each team?"
              hint="With 2 or more, marks stay hidden from each other until all have finished; then agreement is shown and marks more than a level apart go to a lead to moderate."
              .options=${perTeamOptions}
              .value=${String(this.assessorsPerTeam)}
              .error=${errorFor(this.errors, 'assessorsPerTeam')}
              @rh-change=${(event: CustomEvent<{ value: string }>) => (this.assessorsPerTeam = Number(event.detail.value))}
            ></rh-field>
            <h2>Who marks which team</h2>
            <p>Leave a team with nobody ticked for any of the run's assessors to mark it.</p>
            ${this.teams.map(
              (team, index) => html`<rh-checkboxes
                field-id=${`teams-${index}-assessorIds`}
                legend=${`Assessors for ${team.name.trim() || `team ${index + 1}`}`}
                .options=${chosen}
                .values=${team.assessorIds.filter((id) => this.assessorIds.includes(id))}
                .error=${errorFor(this.errors, `teams-${index}-assessorIds`)}
                @rh-change=${(event: CustomEvent<{ values: string[] }>) => this.changeTeam(team.key, { assessorIds: event.detail.values })}
              ></rh-checkboxes>`,
            )}`
        : nothing}`;
  }

  private chooseAssessors(values: string[]): void {
    this.assessorIds = values;
    this.assessorsPerTeam = Math.min(this.assessorsPerTeam, Math.max(1, values.length));
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

  private changeTeam(key: number, change: Partial<TeamChange> & { assessorIds?: readonly string[] }): void {
    this.teams = this.teams.map((team) => (team.key === key ? { ...team, ...change } : team));
  }

  private async addTeam(): Promise<void> {
    const scenarioIds = this.scenarioOptions().map((option) => option.value);
    const index = this.teams.length;
    this.teams = [
      ...this.teams,
      { key: this.nextKey++, name: `Team ${index + 1}`, scenarioId: scenarioIds[index % scenarioIds.length] ?? '', assessorIds: [] },
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
      ...(pack || this.runId ? [] : [{ fieldId: 'pack', message: 'Choose an exercise pack' }]),
      ...(this.cohortLabel.trim() === '' ? [{ fieldId: 'cohortLabel', message: 'Enter a cohort label, like PPU 2026' }] : []),
      ...(this.exerciseDate === '' ? [{ fieldId: 'exerciseDate', message: 'Enter the exercise date' }] : []),
      ...this.teams.flatMap((team, index) =>
        team.name.trim() === '' ? [{ fieldId: `teams-${index}-name`, message: `Enter a name for team ${index + 1}` }] : [],
      ),
    ];
    if ((!pack && !this.runId) || problems.length > 0) {
      this.errors = problems;
      return;
    }
    const setUp = {
      cohortLabel: this.cohortLabel.trim(),
      exerciseDate: this.exerciseDate,
      teams: this.teams.map((team) => ({
        ...(team.id ? { id: team.id } : {}),
        name: team.name.trim(),
        scenarioId: team.scenarioId,
        assessorIds: team.assessorIds.filter((id) => this.assessorIds.includes(id)),
      })),
      assessorIds: this.assessorIds,
      assessorsPerTeam: this.assessorIds.length > 0 ? this.assessorsPerTeam : 1,
    };
    this.submitting = true;
    try {
      const run = this.runId
        ? await api.put('/runs/{runId}', { params: { path: { runId: this.runId } }, body: setUp satisfies UpdateRunRequest })
        : await api.post('/runs', { body: { ...setUp, packId: pack!.packId, version: pack!.version } satisfies CreateRunInput });
      requestNavigation(this, `/runs/${run.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = fieldErrorsFrom(error, this.runId ? 'cohortLabel' : 'pack', fieldOnThisPage);
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
