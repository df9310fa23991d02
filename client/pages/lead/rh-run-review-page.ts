import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-range-chart.js';
import '../../components/rh-summary-list.js';
import '../../components/rh-tag.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { formatIsoDate } from '../../format.js';
import { whenLoaded } from '../../loading.js';
import { isRunState, runStateLabels } from '../../run-states.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import './rh-lrs-delivery.js';
import { countOf, csvLink, rangeText, reviewStyles, tableRegion } from './review-parts.js';

type RunReview = ApiData<'/runs/{runId}/review', 'get'>;
type Figures = RunReview['figures'];

const bandWords: Record<Figures['teams'][number]['band'], string> = {
  exact: 'As expected',
  higher: 'Higher than expected',
  lower: 'Lower than expected',
  'not-answered': 'Instrument not answered',
};

/**
 * The run review for L&D: per learning objective how many teams met it and the range of their
 * scores, beside the teams' own pre→post confidence; how hard each criterion was and which nobody
 * met; bands against the expected band; minutes to each key decision; hints, challenges and agency
 * requests per team; assessor agreement per criterion. Marked provisional until marking and
 * moderation are finished. Each chart has its data table beside it, and every table a CSV download.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-run-review-page')
export class RhRunReviewPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    visuallyHiddenStyles,
    reviewStyles,
    css`
      .comments {
        display: grid;
        gap: var(--rh-space-4);
      }

      @media (min-width: 48rem) {
        .comments {
          grid-template-columns: 1fr 1fr;
        }
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';

  private readonly loaded = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: ([runId], signal) => api.get('/runs/{runId}/review', { params: { path: { runId } }, signal }),
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => {
    const review = this.loaded.completed;
    return { title: review && `Run review – ${review.run.cohortLabel}` };
  });

  override render() {
    const frame = { heading: 'Run review', loading: 'Loading the review…', back: { href: '/runs', label: 'Back to runs' } };
    return whenLoaded(this.loaded.state, frame, (review) => this.renderReview(review));
  }

  private csv(table: string) {
    return `/api/runs/${encodeURIComponent(this.runId)}/review/csv/${table}`;
  }

  private renderReview(review: RunReview) {
    const { run, figures } = review;
    return html`
      <rh-page-layout heading="Run review" caption=${run.cohortLabel} back-href=${`/runs/${encodeURIComponent(run.id)}`} back-label="Back to the run">
        ${figures.status.provisional
          ? html`<rh-notification-banner title-text="Provisional">
              <p><strong>These figures are provisional.</strong> They may change until marking and moderation are finished:</p>
              <ul>
                ${figures.status.reasons.map((reason) => html`<li>${reason}</li>`)}
              </ul>
            </rh-notification-banner>`
          : nothing}
        <p class="no-print"><rh-button type="button" variant="secondary" @click=${() => window.print()}>Print or save as PDF</rh-button></p>
        <p class="no-print">
          <a href=${`/api/runs/${encodeURIComponent(run.id)}/review/workbook`} download>Download the run's workbook</a> (Excel: marks per team and
          criterion, decisions with their times, and answers)
        </p>
        ${figures.status.provisional
          ? nothing
          : html`<p class="no-print"><a href=${`/api/runs/${encodeURIComponent(run.id)}/review/xapi`} download>Download xAPI statements of the final marks</a> (for your learning record store)</p>`}
        <rh-lrs-delivery class="no-print" run-id=${run.id} ?final=${!figures.status.provisional}></rh-lrs-delivery>

        <rh-summary-list
          .rows=${[
            { key: 'Cohort', value: run.cohortLabel },
            { key: 'Exercise date', value: formatIsoDate(run.exerciseDate) },
            { key: 'Pack', value: `${run.packTitle} (version ${run.packVersion})` },
            { key: 'State', value: isRunState(run.state) ? runStateLabels[run.state] : run.state },
            { key: 'Teams', value: String(figures.teams.length) },
            { key: 'Compare', value: html`<a href=${`/review/compare?packId=${encodeURIComponent(run.packId)}`}>Year over year for this pack</a>` },
          ]}
        ></rh-summary-list>

        ${this.renderObjectives(review)} ${this.renderCriteria(figures)} ${this.renderTeams(figures)} ${this.renderDecisions(figures)}
        ${this.renderAgencies(figures)} ${this.renderAgreement(figures)} ${this.renderConfidence(review)}
      </rh-page-layout>
    `;
  }

  private renderObjectives(review: RunReview) {
    const { objectives } = review.figures;
    const shift = new Map(review.confidence.objectives.map((row) => [row.objectiveId, row]));
    return html`
      <h2>Learning objectives</h2>
      <p>A team meets an objective when it scores at least the objective's threshold share of its points. With few teams, the figures are counts and ranges.</p>
      <div class="chart-and-table">
        <rh-range-chart
          label="Range of team scores on each learning objective; the same figures are in the table"
          .rows=${objectives.map((row) => ({ label: row.text, low: row.lowestPercent, high: row.highestPercent, note: `${row.teamsMeeting} of ${row.teamsAssessed} met` }))}
        ></rh-range-chart>
        ${tableRegion(
          'Learning objectives table',
          html`<table>
            <caption class="visually-hidden">Teams meeting each learning objective, their score range and their confidence before and after</caption>
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col">Teams meeting</th>
                <th scope="col">Threshold</th>
                <th scope="col">Score range</th>
                <th scope="col">Confidence before → after (median of 1–5)</th>
              </tr>
            </thead>
            <tbody>
              ${objectives.map((row) => {
                const confidence = shift.get(row.id);
                return html`<tr>
                  <th scope="row">${row.text}</th>
                  <td>${countOf(row.teamsMeeting, row.teamsAssessed)}</td>
                  <td>${Math.round(row.threshold * 100)}%</td>
                  <td>${rangeText(row.lowestPercent, row.highestPercent)}</td>
                  <td>${confidence && (confidence.preMedian !== null || confidence.postMedian !== null) ? `${confidence.preMedian ?? '–'} → ${confidence.postMedian ?? '–'}` : 'No answers'}</td>
                </tr>`;
              })}
            </tbody>
          </table>`,
        )}
      </div>
      ${csvLink(this.csv('objectives'), 'the objectives')}
    `;
  }

  private renderCriteria(figures: Figures) {
    const objectiveText = new Map(figures.objectives.map((row) => [row.id, row.text]));
    const nobody = figures.criteria.filter((row) => row.nobodyMet);
    return html`
      <h2>Difficulty of each criterion</h2>
      ${nobody.length > 0
        ? html`<rh-inset-text><strong>Nobody met:</strong> ${nobody.map((row) => row.title).join('; ')}.</rh-inset-text>`
        : html`<p>Every criterion was met by at least one team.</p>`}
      <div class="chart-and-table">
        <rh-range-chart
          label="Mean share of points on each criterion; the same figures are in the table"
          .rows=${figures.criteria.map((row) => ({ label: row.title, low: 0, high: row.meanPercent, note: row.meanPercent === null ? 'Not assessed' : `${Math.round(row.meanPercent)}% mean` }))}
        ></rh-range-chart>
        ${tableRegion(
          'Criteria table',
          html`<table>
            <caption class="visually-hidden">Mean share of points and teams meeting each criterion</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Objective</th>
                <th scope="col">Mean share of points</th>
                <th scope="col">Teams meeting</th>
              </tr>
            </thead>
            <tbody>
              ${figures.criteria.map(
                (row) => html`<tr>
                  <th scope="row">${row.title} ${row.nobodyMet ? html`<rh-tag colour="red">Nobody met</rh-tag>` : nothing}</th>
                  <td>${objectiveText.get(row.objectiveId) ?? row.objectiveId}</td>
                  <td>${row.meanPercent === null ? 'Not assessed' : `${Math.round(row.meanPercent)}%`}</td>
                  <td>${countOf(row.teamsMeeting, row.teamsAssessed)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`,
        )}
      </div>
      ${csvLink(this.csv('criteria'), 'the criteria')}
    `;
  }

  private renderTeams(figures: Figures) {
    return html`
      <h2>Teams: bands, hints and requests</h2>
      ${tableRegion(
        'Teams table',
        html`<table>
          <caption class="visually-hidden">Each team's score, band against the expected band, hints, challenges and agency requests</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Score</th>
              <th scope="col">Band chosen</th>
              <th scope="col">Expected band</th>
              <th scope="col">Hints</th>
              <th scope="col">Challenges</th>
              <th scope="col">Agency requests</th>
            </tr>
          </thead>
          <tbody>
            ${figures.teams.map(
              (team) => html`<tr>
                <th scope="row">${team.name}<br /><span class="secondary">${team.scenarioTitle}</span>${team.markingFinished ? nothing : html` <rh-tag colour="yellow">Still marking</rh-tag>`}</th>
                <td>${Math.round(team.percent)}%</td>
                <td>${team.chosenBand?.label ?? 'None'} <span class="secondary">(${bandWords[team.band]})</span></td>
                <td>${team.expectedBand.label}</td>
                <td>${team.hints}</td>
                <td>${team.challenges}</td>
                <td>${team.agencyRequests}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${csvLink(this.csv('teams'), 'the teams')}
    `;
  }

  private renderDecisions(figures: Figures) {
    if (figures.decisions.length === 0) return nothing;
    return html`
      <h2>Minutes to key decisions</h2>
      <p>From the run going live to each team's first entry for the decision.</p>
      ${tableRegion(
        'Key decisions table',
        html`<table>
          <caption class="visually-hidden">Minutes from going live to each key decision, per team</caption>
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col">Fastest – slowest</th>
              <th scope="col">Each team</th>
              <th scope="col">Never made it</th>
            </tr>
          </thead>
          <tbody>
            ${figures.decisions.map(
              (decision) => html`<tr>
                <th scope="row">${decision.question}</th>
                <td>${decision.fastestMinutes === null ? 'Nobody' : decision.fastestMinutes === decision.slowestMinutes ? `${decision.fastestMinutes} min` : `${decision.fastestMinutes}–${decision.slowestMinutes} min`}</td>
                <td>
                  <ul>
                    ${decision.teams.filter((team) => team.minutes !== null).map((team) => html`<li>${team.teamName}: ${team.minutes} min</li>`)}
                  </ul>
                </td>
                <td>${decision.neverMade.length === 0 ? 'None' : decision.neverMade.join(', ')}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${csvLink(this.csv('decisions'), 'the decision times')}
    `;
  }

  private renderAgencies(figures: Figures) {
    if (figures.agencies.length === 0) return nothing;
    return html`
      <h2>Agency requests</h2>
      ${tableRegion(
        'Agency requests table',
        html`<table>
          <caption class="visually-hidden">Messages teams sent to each partner agency</caption>
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">Messages</th>
              <th scope="col">Teams asking</th>
            </tr>
          </thead>
          <tbody>
            ${figures.agencies.map(
              (agency) => html`<tr>
                <th scope="row">${agency.name}</th>
                <td>${agency.requests}</td>
                <td>${countOf(agency.teams, figures.teams.length)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${csvLink(this.csv('agencies'), 'the agency requests')}
    `;
  }

  private renderAgreement(figures: Figures) {
    if (!figures.agreement) return html`<h2>Assessor agreement</h2><p>Each team had one assessor, so there is no agreement to report.</p>`;
    return html`
      <h2>Assessor agreement per criterion</h2>
      <p>Criteria where assessors often disagree may have rubric wording that reads two ways: review it for next year.</p>
      ${tableRegion(
        'Assessor agreement table',
        html`<table>
          <caption class="visually-hidden">Agreement between assessors on each judgement criterion</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Marks compared</th>
              <th scope="col">Same level</th>
              <th scope="col">Weighted kappa</th>
              <th scope="col">Flagged (moderated)</th>
            </tr>
          </thead>
          <tbody>
            ${figures.agreement.map(
              (row) => html`<tr>
                <th scope="row">${row.title}</th>
                <td>${row.items}</td>
                <td>${row.percentAgreement === null ? 'Not enough marks' : `${Math.round(row.percentAgreement * row.items)} of ${row.items}`}</td>
                <td>${row.kappa === null ? 'Not enough marks' : row.kappa.toFixed(2)}</td>
                <td>${row.flagged} (${row.moderated})</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${csvLink(this.csv('agreement'), 'the agreement')}
    `;
  }

  private renderConfidence(review: RunReview) {
    const { confidence } = review;
    return html`
      <h2>Confidence before and after</h2>
      <p>Anonymous answers on people's own devices: ${confidence.preAnswers} on joining, ${confidence.postAnswers} at close. Counts of each rating, 1 (not confident) to 5 (very confident).</p>
      ${tableRegion(
        'Confidence table',
        html`<table>
          <caption class="visually-hidden">Confidence ratings per learning objective before and after the exercise</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Before (1–5)</th>
              <th scope="col">After (1–5)</th>
              <th scope="col">Same device: higher / same / lower</th>
            </tr>
          </thead>
          <tbody>
            ${confidence.objectives.map(
              (row) => html`<tr>
                <th scope="row">${row.text}</th>
                <td>${row.pre.join(' · ')}<br /><span class="secondary">median ${row.preMedian ?? '–'}</span></td>
                <td>${row.post.join(' · ')}<br /><span class="secondary">median ${row.postMedian ?? '–'}</span></td>
                <td>${row.paired.devices === 0 ? 'None answered both' : `${row.paired.higher} / ${row.paired.same} / ${row.paired.lower}`}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${csvLink(this.csv('confidence'), 'the confidence answers')}
      <div class="comments">
        <section>
          <h3>What worked</h3>
          ${confidence.whatWorked.length === 0 ? html`<p>No comments.</p>` : html`<ul>${confidence.whatWorked.map((text) => html`<li>${text}</li>`)}</ul>`}
        </section>
        <section>
          <h3>Even better if</h3>
          ${confidence.evenBetterIf.length === 0 ? html`<p>No comments.</p>` : html`<ul>${confidence.evenBetterIf.map((text) => html`<li>${text}</li>`)}</ul>`}
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-review-page': RhRunReviewPage;
  }
}
