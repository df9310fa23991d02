import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-range-chart.js';
import '../../components/rh-tag.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { formatIsoDate } from '../../format.js';
import { whenPartLoaded } from '../../loading.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import './rh-improvement-plan.js';
import { countOf, csvLink, rangeText, reviewStyles, tableRegion } from './review-parts.js';
import { fetchAllRuns } from '../../all-runs.js';

type YearOverYear = ApiData<'/review/compare', 'get'>;
type Cell = YearOverYear['criteria'][number]['cells'][number];
type RunList = ApiData<'/runs', 'get'>['runs'];

const changeWords: Record<Cell['change'], string> = {
  same: '',
  changed: 'Changed',
  new: 'New',
  absent: 'Not in this version',
};

function changelogAnchor(packId: string, version: string): string {
  return `changelog-${packId}-${version.replaceAll('.', '-')}`;
}

/**
 * Year over year for L&D: runs of one pack family (any versions) or one cohort label side by side,
 * per learning objective and per criterion matched by stable id. A cell whose definition differs
 * from the run before it says so ("Changed: levels", "New") so it is not read as a like-for-like
 * comparison, and where the pack versions differ it links the changelog entries that explain it,
 * listed at the foot of the page. Counts and ranges only: a few teams a year carry no percentages or trends. With a
 * pack family chosen, its improvement plan follows.
 *
 * @attr pack-id - compare this pack family
 * @attr cohort - or compare runs with this cohort label
 * @attr what - start the improvement plan's new item with this text (from the after-action report)
 * @attr from-run - and with this run as the one it comes from
 */
@customElement('rh-year-over-year-page')
export class RhYearOverYearPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles, tableStyles, visuallyHiddenStyles, reviewStyles];

  @property({ attribute: 'pack-id' }) packId = '';
  @property() cohort = '';
  /** From the after-action report: a suggested action to start an improvement item with, and its run. */
  @property() what = '';
  @property({ attribute: 'from-run' }) fromRun = '';

  private readonly runs = new LoadTask(this, { args: () => [], load: (_args, signal) => fetchAllRuns(signal), staff: true });
  private readonly comparison = new LoadTask(this, {
    args: () => [this.packId, this.cohort] as const,
    load: async ([packId, cohort], signal) =>
      packId || cohort ? api.get('/review/compare', { params: { query: packId ? { packId } : { cohort } }, signal }) : null,
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => ({}));

  override render() {
    return html`<rh-page-layout heading="Year over year" back-href="/runs" back-label="Back to runs">
      ${whenPartLoaded(this.runs.state, 'Loading your runs…', ({ runs }) => this.renderChooser(runs))}
      ${this.packId || this.cohort ? whenPartLoaded(this.comparison.state, 'Loading the comparison…', (comparison) => (comparison ? this.renderComparison(comparison) : nothing)) : nothing}
      ${this.packId
        ? html`<rh-improvement-plan pack-id=${this.packId} what=${this.what} source-run-id=${this.fromRun} .comparison=${this.comparison.value ?? null}></rh-improvement-plan>`
        : nothing}
    </rh-page-layout>`;
  }

  private renderChooser(runs: RunList) {
    const packs = [...new Map(runs.map((run) => [run.pack.packId, run.pack.title])).entries()];
    const cohorts = [...new Set(runs.map((run) => run.cohortLabel))];
    return html`<div class="no-print">
      <p>Compare every run of one exercise pack, whatever its version, or every run with one cohort label.</p>
      <h2>By exercise pack</h2>
      ${packs.length === 0
        ? html`<p>No runs yet.</p>`
        : html`<ul>
            ${packs.map(([id, title]) => html`<li><a href=${`/review/compare?packId=${encodeURIComponent(id)}`} aria-current=${id === this.packId ? 'page' : 'false'}>${title}</a></li>`)}
          </ul>`}
      <h2>By cohort label</h2>
      ${cohorts.length === 0
        ? html`<p>No runs yet.</p>`
        : html`<ul>
            ${cohorts.map((label) => html`<li><a href=${`/review/compare?cohort=${encodeURIComponent(label)}`} aria-current=${label === this.cohort ? 'page' : 'false'}>${label}</a></li>`)}
          </ul>`}
    </div>`;
  }

  private csv(table: 'objectives' | 'criteria') {
    const query = this.packId ? `packId=${encodeURIComponent(this.packId)}` : `cohort=${encodeURIComponent(this.cohort)}`;
    return `/api/review/compare/csv/${table}?${query}`;
  }

  private renderComparison(comparison: YearOverYear) {
    if (comparison.runs.length === 0) return html`<p>No runs match.</p>`;
    const heading = this.packId ? `Runs of ${this.packId}` : `Runs labelled ${this.cohort}`;
    const runHeader = (run: YearOverYear['runs'][number], scope: 'col' | 'row') =>
      html`<th scope=${scope}>${run.cohortLabel}<br /><span class="secondary">${formatIsoDate(run.exerciseDate)}, v${run.packVersion}</span>${run.provisional ? html` <rh-tag colour="yellow">Provisional</rh-tag>` : nothing}</th>`;
    const runHeaders = comparison.runs.map((run) => runHeader(run, 'col'));
    return html`
      <h2>${heading}</h2>
      <rh-inset-text>Each cell gives how many teams met the objective or criterion and the range of their scores. Where a run's pack version scores a row differently from the run before, the cell says what changed: those figures are not like for like.</rh-inset-text>

      <h2>Learning objectives</h2>
      ${comparison.objectives.map(
        (objective) => html`<h3>${objective.text}</h3>
          <div class="chart-and-table">
            <rh-range-chart
              label=${`Range of team scores on ${objective.text}, run by run; the same figures are in the table`}
              .rows=${objective.cells.map((cell, index) => ({
                label: `${comparison.runs[index]!.cohortLabel}${cell.change === 'changed' || cell.change === 'new' ? ' (changed)' : ''}`,
                low: cell.lowestPercent,
                high: cell.highestPercent,
                note: `${cell.teamsMeeting} of ${cell.teamsAssessed} met`,
              }))}
            ></rh-range-chart>
            ${tableRegion(
              `${objective.text} by run`,
              html`<table>
                <caption class="visually-hidden">${objective.text}, run by run</caption>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Teams meeting</th>
                    <th scope="col">Score range</th>
                    <th scope="col">Confidence before → after</th>
                    <th scope="col">Definition</th>
                  </tr>
                </thead>
                <tbody>
                  ${objective.cells.map(
                    (cell, index) => html`<tr>
                      ${runHeader(comparison.runs[index]!, 'row')}
                      <td>${countOf(cell.teamsMeeting, cell.teamsAssessed)}</td>
                      <td>${rangeText(cell.lowestPercent, cell.highestPercent)}</td>
                      <td>${cell.confidence && cell.confidence.pairedDevices > 0 ? `${cell.confidence.preMedian ?? '–'} → ${cell.confidence.postMedian ?? '–'} (${cell.confidence.higher} of ${cell.confidence.pairedDevices} higher)` : 'No answers'}</td>
                      <td>${this.renderChange(cell, index)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`,
            )}
          </div>`,
      )}
      ${csvLink(this.csv('objectives'), 'the objectives by run')}

      <h2>Criteria</h2>
      ${tableRegion(
        'Criteria by run',
        html`<table>
          <caption class="visually-hidden">Teams meeting each criterion, run by run</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              ${runHeaders}
            </tr>
          </thead>
          <tbody>
            ${comparison.criteria.map(
              (criterion) => html`<tr>
                <th scope="row">${criterion.title}</th>
                ${criterion.cells.map(
                  (cell, index) => html`<td>
                    ${cell.change === 'absent' ? 'Not in this version' : html`${countOf(cell.teamsMeeting, cell.teamsAssessed)}<br />${rangeText(cell.lowestPercent, cell.highestPercent)}`}
                    ${cell.change === 'absent' ? nothing : html`<br />${this.renderChange(cell, index)}`}
                  </td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${csvLink(this.csv('criteria'), 'the criteria by run')}
      ${this.renderChangelog(comparison)}
    `;
  }

  private renderChange(cell: Cell, index: number) {
    const links = this.changelogLinks(cell);
    if (cell.change === 'same') {
      if (cell.changelogVersions.length === 0) return html`<span class="secondary">${index === 0 ? 'Earliest run' : 'Same as the run before'}</span>`;
      return html`<span class="secondary">Another pack version, scored the same</span>${links}`;
    }
    const details = cell.differences.length > 0 ? `: ${cell.differences.map((difference) => (difference === 'changelog' ? 'rule (per the changelog)' : difference)).join(', ')}` : '';
    return html`<span class="changed">${changeWords[cell.change]}${details}</span>${cell.changelogNotes.map((note) => html`<br /><span class="secondary">${note}</span>`)}${links}`;
  }

  /** Links from a row to the changelog entries that explain it, listed under "What changed between versions". */
  private changelogLinks(cell: Cell) {
    if (cell.changelogVersions.length === 0) return nothing;
    const packId = this.comparison.value?.runs.find((run) => run.id === cell.runId)?.packId ?? '';
    return html`<br />${cell.changelogVersions.map(
      (version, index) => html`${index > 0 ? ', ' : ''}<a href=${`#${changelogAnchor(packId, version)}`}>What changed in ${version}</a>`,
    )}`;
  }

  private renderChangelog(comparison: YearOverYear) {
    if (comparison.changelog.length === 0) return nothing;
    return html`<h2>What changed between versions</h2>
      <p>From the packs' changelogs: why a later run's figures may not be like for like with an earlier one's.</p>
      ${comparison.changelog.map(
        (entry) => html`<section id=${changelogAnchor(entry.packId, entry.version)} tabindex="-1" aria-labelledby=${`${changelogAnchor(entry.packId, entry.version)}-heading`}>
          <h3 id=${`${changelogAnchor(entry.packId, entry.version)}-heading`}>${entry.packId} ${entry.version} (${formatIsoDate(entry.date)})</h3>
          <p>${entry.summary}</p>
          <ul>
            ${entry.changes.map((change) => html`<li><strong>${change.area}:</strong> ${change.text}${change.source ? html` <span class="secondary">(${change.source})</span>` : nothing}</li>`)}
            ${entry.criteriaChanged.map((changed) => html`<li><strong>Criterion ${changed.criterion} re-ruled:</strong> ${changed.change}</li>`)}
          </ul>
        </section>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-year-over-year-page': RhYearOverYearPage;
  }
}
