import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-moderation-form.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-summary-list.js';
import '../../components/rh-tag.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import { whenLoaded } from '../../loading.js';
import { describeKappa, formatPercent, minimumMarksForKappa } from '../../agreement-display.js';
import { detailsStyles, focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type RunDetail = ApiData<'/runs/{runId}', 'get'>;
type RunAgreement = ApiData<'/runs/{runId}/agreement', 'get'>;
type TeamMarking = ApiData<'/runs/{runId}/teams/{teamId}/marking', 'get'>;
type PairAgreement = RunAgreement['overall']['pairs'][number];
type Disagreement = RunAgreement['disagreements'][number];

interface AgreementView {
  readonly run: RunDetail;
  readonly agreement: RunAgreement;
  /** The marking of each team with a disagreement, for the criterion's levels and any final mark. */
  readonly markings: ReadonlyMap<string, TeamMarking>;
}

/** A proportion as a whole percentage, "67%"; a dash when there is nothing to compare. */
/** Kappa to two decimal places, "0.45", for the Fleiss row. */
function formatKappa(kappa: number | null): string {
  return kappa === null ? 'Not enough marks' : kappa.toFixed(2);
}

function disagreementKey(disagreement: Pick<Disagreement, 'teamId' | 'criterionId'>): string {
  return `${disagreement.teamId}-${disagreement.criterionId}`;
}

/**
 * For the lead after marking: how far each pair of assessors agreed, overall and per criterion
 * (percent agreement and kappa, with a plain explanation of kappa), a note while teams are still
 * being marked, and the marks more than one level apart, each with a form for the final mark and
 * its reason, or "Moderated" with the final level once it has one.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-agreement-page')
export class RhAgreementPage extends LitElement {
  static override styles = [
    detailsStyles,
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    visuallyHiddenStyles,
    css`
      .kappa-note {
        display: block;
        max-width: 30em;
        color: var(--rh-colour-secondary-text);
        font-size: var(--rh-font-size-small);
      }

      .disagreement {
        margin-bottom: var(--rh-space-6);
        padding-bottom: var(--rh-space-4);
        border-bottom: 1px solid var(--rh-colour-border);
      }

    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';

  private readonly session = new SessionController(this, { askForStaff: true });
  private readonly loaded = new LoadTask(this, { args: () => [this.runId] as const, load: ([runId], signal) => loadAgreement(runId, signal), staff: true });
  private readonly documentTitle = new PageTitleController(this, () => {
    const view = this.view();
    return { title: view ? `Agreement and moderation: ${view.run.cohortLabel}` : undefined, hasErrors: this.errors().length > 0 };
  });

  /** The view after a moderation, which replaces the one first loaded. */
  @state() private refreshed: AgreementView | undefined;
  /** Problems per moderation form, by the form's id prefix. */
  @state() private problems = new Map<string, FieldError[]>();
  @state() private lastModerated: { title: string; count: number } | undefined;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId')) {
      this.refreshed = undefined;
      this.problems = new Map();
      this.lastModerated = undefined;
    }
  }

  override render() {
    const back = { href: `/runs/${encodeURIComponent(this.runId)}`, label: 'Back to the run' };
    const frame = { heading: 'Agreement and moderation', loading: 'Loading the marks…', back };
    return whenLoaded(this.loaded.state, frame, (loaded) => this.renderAgreement(this.refreshed ?? loaded, back.href));
  }

  private renderAgreement({ run, agreement, markings }: AgreementView, back: string) {
    return html`
      <rh-page-layout heading="Agreement and moderation" caption=${run.cohortLabel} back-href=${back} back-label="Back to the run">
        <rh-error-summary .errors=${this.errors()}></rh-error-summary>
        ${this.lastModerated
          ? keyed(
              this.lastModerated.count,
              html`<rh-notification-banner type="success"><p>Final mark saved for ${this.lastModerated.title}.</p></rh-notification-banner>`,
            )
          : nothing}
        ${this.renderProgress(agreement)}
        <h2>Agreement between assessors</h2>
        ${this.renderKappaExplanation()}
        ${agreement.overall.pairs.length === 0
          ? html`<p>There are no teams marked by two assessors to compare yet.</p>`
          : html`${this.renderPairs('Overall, across every criterion', agreement.overall.pairs, agreement.overall.fleissKappa)}
              ${agreement.criteria
                .filter((criterion) => criterion.pairs.length > 0)
                .map((criterion) => this.renderPairs(criterion.title, criterion.pairs, criterion.fleissKappa))}`}
        <h2>Marks to moderate</h2>
        ${this.renderDisagreements(run, agreement.disagreements, markings)}
      </rh-page-layout>
    `;
  }

  private view(): AgreementView | undefined {
    return this.refreshed ?? this.loaded.completed;
  }

  private errors(): FieldError[] {
    return [...this.problems.values()].flat();
  }

  private renderProgress(agreement: RunAgreement) {
    const compared = `${agreement.teamsCompared} ${agreement.teamsCompared === 1 ? 'team has' : 'teams have'} been marked by every assessor it needs.`;
    if (agreement.teamsStillMarking === 0) return html`<p>${compared}</p>`;
    const still = `${agreement.teamsStillMarking} ${agreement.teamsStillMarking === 1 ? 'team is' : 'teams are'} still being marked`;
    return html`<p>${compared}</p>
      <rh-inset-text>${still}: ${agreement.teamsStillMarking === 1 ? 'its' : 'their'} marks are left out of these figures until every assessor has finished.</rh-inset-text>`;
  }

  private renderKappaExplanation() {
    return html`
      <details>
        <summary>What the figures mean</summary>
        <p>
          <strong>Agreement</strong> is the share of marks where both assessors chose the same level. <strong>Kappa</strong> also
          allows for the agreement two assessors would reach by chance: 1 is perfect agreement, 0 is what chance alone would give,
          and below 0 is worse than chance. Near misses (one level apart) count for more than wide ones. As a rough guide, above 0.6
          is good and below 0.4 is worth a calibration discussion.
        </p>
        <p>
          Kappa can mislead. When most marks fall on one level, chance alone would agree often, so kappa comes out low even when
          the assessors nearly always agree; when one assessor gives the same level every time it is 0 whatever the agreement. Those
          cases carry a note: read the agreement and the marks to moderate instead. With fewer than ${minimumMarksForKappa} marks
          compared, one mark swings kappa widely, so it is not shown.
        </p>
      </details>
    `;
  }

  private renderPairs(caption: string, pairs: PairAgreement[], fleissKappa: number | null) {
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-label=${caption}>
        <table>
          <caption>${caption}</caption>
          <thead>
            <tr>
              <th scope="col">Assessors</th>
              <th scope="col">Marks compared</th>
              <th scope="col">Agreement</th>
              <th scope="col">Kappa</th>
            </tr>
          </thead>
          <tbody>
            ${pairs.map(
              (pair) => html`<tr>
                <th scope="row">${pair.assessors[0]} and ${pair.assessors[1]}</th>
                <td>${pair.items}</td>
                <td>${formatPercent(pair.percentAgreement)}</td>
                <td>${this.renderKappa(pair)}</td>
              </tr>`,
            )}
            ${fleissKappa === null
              ? nothing
              : html`<tr>
                  <th scope="row">All assessors together (Fleiss’ kappa)</th>
                  <td></td>
                  <td></td>
                  <td>${formatKappa(fleissKappa)}</td>
                </tr>`}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderKappa(pair: PairAgreement) {
    const { value, note } = describeKappa(pair);
    return note ? html`${value}<span class="kappa-note">${note}</span>` : value;
  }

  private renderDisagreements(run: RunDetail, disagreements: Disagreement[], markings: ReadonlyMap<string, TeamMarking>) {
    if (disagreements.length === 0) return html`<p>No marks are more than one level apart, so there is nothing to moderate.</p>`;
    return html`
      <p>These marks are more than one level apart. Read the team’s work, then set the final level and say why.</p>
      ${disagreements.map((disagreement) => {
        const criterion = markings.get(disagreement.teamId)?.criteria.find((candidate) => candidate.id === disagreement.criterionId);
        const key = disagreementKey(disagreement);
        const moderatedLevel = criterion?.moderated ? criterion.levels.find((level) => level.id === criterion.moderated?.levelId) : undefined;
        return html`
          <section class="disagreement" aria-labelledby=${`${key}-heading`}>
            <h3 id=${`${key}-heading`}>${disagreement.teamName}: ${disagreement.title}</h3>
            <p>
              <a href=${`/runs/${encodeURIComponent(run.id)}/teams/${encodeURIComponent(disagreement.teamId)}/marking`}
                >Read ${disagreement.teamName}’s work and marks</a
              >
            </p>
            <rh-summary-list .rows=${disagreement.marks.map((mark) => ({ key: mark.assessor, value: mark.level }))}></rh-summary-list>
            ${disagreement.moderated
              ? html`<p>
                    <rh-tag colour="green">Moderated</rh-tag>
                    Final level: <strong>${moderatedLevel ? `${moderatedLevel.label} (${moderatedLevel.points} points)` : 'set'}</strong>
                  </p>
                  ${criterion?.moderated ? html`<p>Reason: ${criterion.moderated.reason}</p>` : nothing}`
              : this.renderModerationForm(run, disagreement, criterion)}
          </section>
        `;
      })}
    `;
  }

  private renderModerationForm(run: RunDetail, disagreement: Disagreement, criterion: TeamMarking['criteria'][number] | undefined) {
    if (this.session.staff?.user.role !== 'lead') return html`<p>Not moderated yet. A lead sets the final mark.</p>`;
    if (!criterion) return html`<p>The levels of this criterion could not be loaded.</p>`;
    const formId = `moderate-${disagreementKey(disagreement)}`;
    return html`
      <h4>Set the final mark</h4>
      <rh-moderation-form
        run-id=${run.id}
        team-id=${disagreement.teamId}
        id-prefix=${formId}
        .criterion=${criterion}
        @rh-problems=${(event: CustomEvent<{ errors: FieldError[] }>) => this.setProblems(formId, event.detail.errors)}
        @rh-moderated=${() => this.afterModeration(disagreement)}
      ></rh-moderation-form>
    `;
  }

  private setProblems(formId: string, errors: FieldError[]): void {
    const problems = new Map(this.problems);
    if (errors.length === 0) problems.delete(formId);
    else problems.set(formId, errors);
    this.problems = problems;
  }

  private async afterModeration(disagreement: Disagreement): Promise<void> {
    try {
      this.refreshed = await loadAgreement(this.runId);
      this.lastModerated = { title: `${disagreement.teamName}: ${disagreement.title}`, count: (this.lastModerated?.count ?? 0) + 1 };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.setProblems('reload', [{ fieldId: `${disagreementKey(disagreement)}-heading`, message: error.message }]);
    }
  }

}

async function loadAgreement(runId: string, signal?: AbortSignal): Promise<AgreementView> {
  const path = { runId };
  const [run, agreement] = await Promise.all([
    api.get('/runs/{runId}', { params: { path }, signal }),
    api.get('/runs/{runId}/agreement', { params: { path }, signal }),
  ]);
  const teamIds = [...new Set(agreement.disagreements.map((disagreement) => disagreement.teamId))];
  const markings = await Promise.all(
    teamIds.map((teamId) => api.get('/runs/{runId}/teams/{teamId}/marking', { params: { path: { runId, teamId } }, signal })),
  );
  return { run, agreement, markings: new Map(teamIds.map((teamId, index) => [teamId, markings[index]!])) };
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-agreement-page': RhAgreementPage;
  }
}
