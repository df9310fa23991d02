import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { whenPartLoaded } from '../../loading.js';
import { requestNavigation } from '../../navigation.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

type RunDetail = ApiData<'/runs/{runId}', 'get'>;
type PackSummary = ApiData<'/packs', 'get'>['packs'][number];

/** "1.10.0" after "1.9.2". */
function newestFirst(a: PackSummary, b: PackSummary): number {
  const [left, right] = [a, b].map((pack) => pack.version.split('.').map(Number));
  for (let index = 0; index < 3; index += 1) {
    const difference = (right![index] ?? 0) - (left![index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Next year's rerun of a run: a new draft with the same teams (and scenarios) and assessors, on a
 * version of the same pack (the latest is chosen), with its own cohort label and date. Teams get
 * new codes; nothing of the old run's work is copied.
 *
 * @attr run-id - the run to copy
 */
@customElement('rh-duplicate-run-page')
export class RhDuplicateRunPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  @property({ attribute: 'run-id' }) runId = '';

  private readonly loaded = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: async ([runId], signal) => {
      const [run, { packs }] = await Promise.all([api.get('/runs/{runId}', { params: { path: { runId } }, signal }), api.get('/packs', { signal })]);
      return { run, versions: packs.filter((pack) => pack.packId === run.pack.packId).sort(newestFirst) };
    },
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  @state() private errors: FieldError[] = [];
  @state() private version = '';
  @state() private submitting = false;

  override render() {
    return html`<rh-page-layout heading="Duplicate a run" back-href=${`/runs/${encodeURIComponent(this.runId)}`} back-label="Back to the run">
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      ${whenPartLoaded(this.loaded.state, 'Loading the run…', ({ run, versions }) => this.renderForm(run, versions))}
    </rh-page-layout>`;
  }

  private renderForm(run: RunDetail, versions: PackSummary[]) {
    const latest = versions[0]?.version ?? run.pack.version;
    const options = versions.map((pack) => ({
      value: pack.version,
      label: `Version ${pack.version}${pack.version === latest ? ' (latest)' : ''}${pack.version === run.pack.version ? ' (used by this run)' : ''}`,
    }));
    return html`
      <p>
        A new draft of ${run.pack.title} with the ${run.teams.length} teams and ${run.assessors.length} assessors of ${run.cohortLabel}. You can change it
        before opening it. Teams get new codes.
      </p>
      <form novalidate @submit=${(event: SubmitEvent) => this.submit(event, run, latest)}>
        <rh-radios
          field-id="version"
          name="version"
          legend="Which version of the pack?"
          hint="A team whose scenario the version no longer has is given the pack's first scenario."
          .options=${options}
          .value=${this.version || latest}
          .error=${errorFor(this.errors, 'version')}
          @rh-change=${(event: CustomEvent<{ value: string }>) => (this.version = event.detail.value)}
        ></rh-radios>
        <rh-field field-id="cohortLabel" name="cohortLabel" label="Cohort" hint="Like PPU 2027" .error=${errorFor(this.errors, 'cohortLabel')}></rh-field>
        <rh-field field-id="exerciseDate" name="exerciseDate" type="date" label="Exercise date" .error=${errorFor(this.errors, 'exerciseDate')}></rh-field>
        <rh-button ?disabled=${this.submitting}>Create the new draft</rh-button>
      </form>
    `;
  }

  private async submit(event: SubmitEvent, run: RunDetail, latest: string): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const form = new FormData(event.target as HTMLFormElement);
    const cohortLabel = String(form.get('cohortLabel') ?? '').trim();
    const exerciseDate = String(form.get('exerciseDate') ?? '');
    const problems: FieldError[] = [
      ...(cohortLabel === '' ? [{ fieldId: 'cohortLabel', message: 'Enter a cohort label, like PPU 2027' }] : []),
      ...(exerciseDate === '' ? [{ fieldId: 'exerciseDate', message: 'Enter the exercise date' }] : []),
    ];
    if (problems.length > 0) {
      this.errors = problems;
      return;
    }
    this.submitting = true;
    try {
      const copy = await api.post('/runs/{runId}/duplicate', {
        params: { path: { runId: run.id } },
        body: { cohortLabel, exerciseDate, version: this.version || latest },
      });
      requestNavigation(this, `/runs/${copy.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = fieldErrorsFrom(error, 'cohortLabel');
    } finally {
      this.submitting = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-duplicate-run-page': RhDuplicateRunPage;
  }
}
