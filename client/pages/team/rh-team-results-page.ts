import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-score-bar.js';
import '../../components/rh-summary-list.js';
import { LoadTask } from '../../controllers/load-task.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { whenPartLoaded } from '../../loading.js';
import { markdown } from '../../lazy-markdown.js';
import { detailsStyles, focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import { teamNav } from './team-frame.js';

const title = 'Your results';
const notReleased = html`<p>Your results are not released yet. Your facilitator releases them after marking; this page shows them then.</p>`;

type TeamResults = Extract<ApiData<'/team/results', 'get'>, { status: 'released' }>['results'];

const points = (value: number) => `${value} ${value === 1 ? 'point' : 'points'}`;

/**
 * The team's results once the lead has released them: its total, a table of learning objectives
 * (each with a bar and the percentage in words), feedback on every criterion (level and descriptor,
 * or how the rules scored it, and the assessors' comments), then what good looks like: the
 * scenario's model answer. Before release (as the team session says) it says the results are not
 * out yet without asking for them; the server would refuse and send nothing of the rubric anyway.
 * When the lead releases results while the page is open, the run-state event brings them in.
 */
@customElement('rh-team-results-page')
export class RhTeamResultsPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    detailsStyles,
    visuallyHiddenStyles,
    css`
      .total {
        font-size: var(--rh-font-size-heading-m);
        font-weight: var(--rh-font-weight-bold);
      }

      .bar-cell {
        width: 40%;
      }

      .objective {
        margin-bottom: var(--rh-space-7);
      }

      .objective-score {
        color: var(--rh-colour-secondary-text);
      }

      .criterion {
        margin-bottom: var(--rh-space-6);
        padding-left: var(--rh-space-4);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
      }

      .comments-heading {
        margin-bottom: var(--rh-space-1);
        font-weight: var(--rh-font-weight-bold);
      }
    `,
  ];

  private readonly team = new TeamWorkspaceController(this);
  /** Asked for only once the session says results are released, and again if that changes. */
  private readonly results = new LoadTask(this, {
    args: () => [this.released()] as const,
    load: async ([released], signal) => (released ? api.get('/team/results', { signal }) : { status: 'not-released' as const }),
  });

  private released(): boolean {
    const session = this.team.workspace.session;
    return session.status === 'complete' && session.value.run.state === 'results-released';
  }

  override render() {
    const session = this.team.workspace.session;
    const loaded = session.status === 'complete';
    return html`
      ${loaded ? teamNav(this.team, 'results') : nothing}
      <rh-page-layout heading=${title} caption=${loaded ? session.value.team.name : ''}>${this.renderBody()}</rh-page-layout>
    `;
  }

  private renderBody() {
    const session = this.team.workspace.session;
    if (session.status === 'failed') return html`<p>${session.error.message}</p>`;
    if (session.status === 'complete' && !this.released()) return notReleased;
    if (session.status === 'pending') return html`<p>Loading your results…</p>`;
    return whenPartLoaded(this.results.state, 'Loading your results…', (answer) =>
      answer.status === 'released' ? this.renderResults(answer.results, answer.provisional) : notReleased,
    );
  }

  private renderResults(results: TeamResults, provisional: boolean) {
    return html`
      ${provisional
        ? html`<rh-notification-banner title-text="Provisional results" id="provisional-results">
            <p>These results are provisional: marking was not finished when they were released, so marks may still change.</p>
          </rh-notification-banner>`
        : nothing}
      <p class="total">You scored ${results.totals.awarded} out of ${points(results.totals.max)} (${results.totals.percent}%).</p>
      <p>Scenario: ${results.team.scenarioTitle}</p>
      ${results.band
        ? html`<h2>The band your answers gave</h2>
            <p><strong>${results.band.label}</strong></p>
            <p>${results.band.description}</p>`
        : nothing}

      <h2>Learning objectives</h2>
      <div class="table-scroll" tabindex="0" role="region" aria-label="Your score on each learning objective">
        <table>
          <caption class="visually-hidden">Your score on each learning objective</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Points</th>
              <th scope="col" class="bar-cell">Score</th>
            </tr>
          </thead>
          <tbody>
            ${results.objectives.map(
              (objective) => html`<tr>
                <th scope="row">${objective.text}</th>
                <td>${objective.awarded} of ${objective.max}</td>
                <td class="bar-cell"><rh-score-bar percent=${objective.percent}></rh-score-bar></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>

      <h2>Feedback on each criterion</h2>
      ${results.objectives.map((objective) => this.renderObjective(objective, results.criteria))}

      <h2>What good looks like</h2>
      <rh-summary-list .rows=${[{ key: 'Expected band', value: results.modelAnswer.expectedBand.label }]}></rh-summary-list>
      ${markdown(results.modelAnswer.summary)}
      ${results.modelAnswer.decisions.map(
        (decision) => html`
          <h3>${decision.question}</h3>
          <p><strong>A strong team chooses:</strong> ${decision.expected.join(', ')}</p>
          <details>
            <summary>Why<span class="visually-hidden">: the reasoning for “${decision.question}”</span></summary>
            ${markdown(decision.rationale)}
          </details>
        `,
      )}
    `;
  }

  /** An objective's criteria under its text, said once rather than under each criterion. */
  private renderObjective(objective: TeamResults['objectives'][number], criteria: TeamResults['criteria']) {
    const mine = criteria.filter((criterion) => criterion.objectiveId === objective.id);
    if (mine.length === 0) return nothing;
    return html`<section class="objective" aria-labelledby=${`objective-${objective.id}`}>
      <h3 id=${`objective-${objective.id}`}>${objective.text}</h3>
      <p class="objective-score">${objective.awarded} of ${points(objective.max)} (${objective.percent}%)</p>
      ${mine.map((criterion) => this.renderCriterion(criterion))}
    </section>`;
  }

  private renderCriterion(criterion: TeamResults['criteria'][number]) {
    const rows = [
      { key: 'Points', value: `${criterion.awarded} out of ${criterion.max}` },
      criterion.level
        ? { key: 'Level', value: html`<strong>${criterion.level.label}</strong>: ${criterion.level.descriptor}` }
        : { key: 'Level', value: criterion.kind === 'automatic' ? 'Scored automatically' : criterion.note },
      ...(criterion.level && criterion.kind === 'judgement' ? [{ key: 'How it was marked', value: criterion.note }] : []),
      ...(criterion.explanation ? [{ key: 'Why', value: criterion.explanation }] : []),
      ...(criterion.records
        ? [
            { key: 'Record marked', value: `${criterion.records.counted.options.join(', ')} (${clockTime(criterion.records.counted.recordedAt)})` },
            { key: 'Your latest record', value: `${criterion.records.latest.options.join(', ')} (${clockTime(criterion.records.latest.recordedAt)})` },
          ]
        : []),
    ];
    return html`<section class="criterion" aria-labelledby=${`criterion-${criterion.id}`}>
      <h4 id=${`criterion-${criterion.id}`}>${criterion.title}</h4>
      <rh-summary-list .rows=${rows}></rh-summary-list>
      ${criterion.comments.length > 0
        ? html`<p class="comments-heading">Comments</p>
            <ul>
              ${criterion.comments.map((comment) => html`<li>${comment}</li>`)}
            </ul>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-results-page': RhTeamResultsPage;
  }
}

/** A recording time as the room's clock shows it. */
function clockTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(new Date(iso));
}
