import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-score-bar.js';
import '../../components/rh-summary-list.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { formatIsoDate } from '../../format.js';
import { whenLoaded } from '../../loading.js';
import { isRunState, runStateLabels } from '../../run-states.js';
import { describeKappa } from '../../agreement-display.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type RunReport = ApiData<'/runs/{runId}/report', 'get'>;
type CriterionSummary = RunReport['strengths'][number];

/**
 * The after-action report for L&D: the run, each learning objective's average across teams and
 * whether it was met, the strongest and weakest criteria, agreement between assessors when teams
 * were double marked, and suggested actions for next year (generated, for L&D to edit). Made to be
 * printed or saved as PDF: the print styles drop the header, navigation and buttons and keep each
 * table on one page where they can.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-run-report-page')
export class RhRunReportPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    visuallyHiddenStyles,
    css`
      .met {
        font-weight: var(--rh-font-weight-bold);
      }

      .bar-cell {
        width: 35%;
      }

      @media print {
        .no-print,
        rh-button {
          display: none !important;
        }

        table,
        tr,
        rh-summary-list,
        rh-inset-text {
          break-inside: avoid;
          page-break-inside: avoid;
        }

        h2,
        h3 {
          break-after: avoid;
          page-break-after: avoid;
        }

        a {
          color: inherit;
          text-decoration: none;
        }
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';

  private readonly loaded = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: ([runId], signal) => api.get('/runs/{runId}/report', { params: { path: { runId } }, signal }),
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => {
    const report = this.loaded.completed;
    return { title: report && `After-action report – ${report.run.cohortLabel}` };
  });

  override render() {
    const frame = { heading: 'After-action report', loading: 'Loading the report…', back: { href: '/runs', label: 'Back to runs' } };
    return whenLoaded(this.loaded.state, frame, (report) => this.renderReport(report));
  }

  private renderReport(report: RunReport) {
    const run = report.run;
    return html`
      <rh-page-layout heading="After-action report" caption=${run.cohortLabel} back-href=${`/runs/${encodeURIComponent(run.id)}`} back-label="Back to the run">
        ${run.resultsProvisional
          ? html`<rh-notification-banner title-text="Provisional results" id="provisional-results">
              <p>Results were released as provisional, before marking was finished: the figures may still change. The reason is in the audit log.</p>
            </rh-notification-banner>`
          : nothing}
        <p class="no-print"><rh-button type="button" variant="secondary" @click=${() => window.print()}>Print or save as PDF</rh-button></p>

        <h2>The run</h2>
        <rh-summary-list
          .rows=${[
            { key: 'Cohort', value: run.cohortLabel },
            { key: 'Exercise date', value: formatIsoDate(run.exerciseDate) },
            { key: 'Pack', value: `${run.packTitle} (version ${run.packVersion})` },
            { key: 'State', value: isRunState(run.state) ? runStateLabels[run.state] : run.state },
            {
              key: 'Teams',
              value: html`<ul>
                ${run.teams.map((team) => html`<li>${team.name}: ${team.scenarioTitle} (${team.percent}%)</li>`)}
              </ul>`,
            },
          ]}
        ></rh-summary-list>
        ${run.state === 'results-released' || run.state === 'closed'
          ? nothing
          : html`<rh-inset-text>The run is not closed yet, so marks may still change.</rh-inset-text>`}

        <h2>Learning objectives</h2>
        <p>An objective is met when teams average at least ${report.metThresholdPercent}% of its points.</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Average score on each learning objective across teams">
        <table>
          <caption class="visually-hidden">Average score on each learning objective across teams</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col" class="bar-cell">Average across teams</th>
              <th scope="col">Met</th>
            </tr>
          </thead>
          <tbody>
            ${report.objectives.map(
              (objective) => html`<tr>
                <th scope="row">${objective.text}</th>
                <td class="bar-cell">
                  ${objective.averagePercent === null
                    ? 'Not assessed'
                    : html`<rh-score-bar percent=${objective.averagePercent}></rh-score-bar>`}
                </td>
                <td class="met">${objective.averagePercent === null ? '–' : objective.met ? 'Met' : 'Not met'}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        </div>

        <h2>Strengths</h2>
        ${this.renderCriteria(report.strengths, 'Criteria with the highest average scores')}

        <h2>Areas to improve</h2>
        ${this.renderCriteria(report.areasToImprove, 'Criteria with the lowest average scores')}

        ${report.agreement ? this.renderAgreement(report.agreement) : nothing}

        <h2>Actions for next year</h2>
        <rh-inset-text><strong>Suggestions for L&amp;D to edit.</strong> Rehearse generated these from the weakest objectives; they are a starting point, not decisions.</rh-inset-text>
        ${report.suggestedActions.length === 0
          ? html`<p>No suggestions: nothing was marked yet.</p>`
          : html`<ul>
              ${report.suggestedActions.map(
                (action) =>
                  html`<li>
                    ${action}
                    <a class="no-print" href=${planLink(run.packId, run.id, action)}>Track it in the improvement plan<span class="visually-hidden">, this action: ${action}</span></a>
                  </li>`,
              )}
            </ul>`}
      </rh-page-layout>
    `;
  }

  private renderCriteria(criteria: readonly CriterionSummary[], caption: string) {
    if (criteria.length === 0) return html`<p>Nothing has been marked yet.</p>`;
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${caption}><table>
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        <tr>
          <th scope="col">Criterion</th>
          <th scope="col">Objective</th>
          <th scope="col">Average</th>
        </tr>
      </thead>
      <tbody>
        ${criteria.map(
          (criterion) => html`<tr>
            <th scope="row">${criterion.title}</th>
            <td>${criterion.objective}</td>
            <td>${criterion.averagePercent}%</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private renderAgreement(agreement: NonNullable<RunReport['agreement']>) {
    return html`
      <h2>Agreement between assessors</h2>
      <p>Teams were double marked; ${agreement.teamsCompared} ${agreement.teamsCompared === 1 ? 'team was' : 'teams were'} compared.</p>
      ${agreement.pairs.length === 0
        ? html`<p>No pair of assessors marked the same team yet.</p>`
        : html`<div class="table-scroll" tabindex="0" role="region" aria-label="Agreement between each pair of assessors"><table>
            <caption class="visually-hidden">Agreement between each pair of assessors</caption>
            <thead>
              <tr>
                <th scope="col">Assessors</th>
                <th scope="col">Marks compared</th>
                <th scope="col">Agreement</th>
                <th scope="col">Weighted kappa</th>
              </tr>
            </thead>
            <tbody>
              ${agreement.pairs.map(
                (pair) => html`<tr>
                  <th scope="row">${pair.assessors[0]} and ${pair.assessors[1]}</th>
                  <td>${pair.items}</td>
                  <td>${pair.percentAgreement === null ? 'Not enough marks' : `${Math.round(pair.percentAgreement * 1000) / 10}%`}</td>
                  <td>${kappaCell(pair)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
    `;
  }
}

/** The pack's improvement plan with its form filled in from this suggestion, for the lead to give an owner and a date. */
function planLink(packId: string, runId: string, action: string): string {
  const query = new URLSearchParams({ packId, fromRun: runId, what: action });
  return `/review/compare?${query.toString()}#plan`;
}

/** Kappa with its caveat, as on the agreement page (see agreement-display.ts). */
function kappaCell(pair: NonNullable<RunReport['agreement']>['pairs'][number]) {
  const { value, note } = describeKappa(pair);
  return note ? html`${value}. <em>${note}</em>` : value;
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-report-page': RhRunReportPage;
  }
}
