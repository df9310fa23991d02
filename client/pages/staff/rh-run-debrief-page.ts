import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-page-layout.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { whenLoaded } from '../../loading.js';
import { renderMarkdown } from '../../markdown.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles } from '../../styles/shared.js';

type RunDebrief = ApiData<'/runs/{runId}/debrief', 'get'>;
type DebriefScenario = RunDebrief['scenarios'][number];

/**
 * The group debrief for facilitators in the room: for each scenario, a table whose rows are the
 * decision points (and the band) and whose columns are the model answer and each team on that
 * scenario, showing each team's latest choice and the "action and review" part of its reasoning.
 * Then the pack's reveal note, what the exercise was based on, for the facilitator to tell the room.
 * A "large type" option makes it readable on a projector. Works in any state of the run.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-run-debrief-page')
export class RhRunDebriefPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    css`
      .large-type-option {
        display: flex;
        align-items: center;
        gap: var(--rh-space-2);
        margin-bottom: var(--rh-space-6);
      }

      .large-type-option input {
        width: 2rem;
        height: 2rem;
        margin: 0;
      }

      .large {
        font-size: 1.5rem;
        line-height: 1.4;
      }

      .large table caption {
        font-size: 1.75rem;
      }

      .choice {
        display: block;
        font-weight: var(--rh-font-weight-bold);
      }

      .not-recorded {
        font-style: italic;
      }

      th[scope='row'] {
        min-width: 10em;
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';
  @state() private largeType = false;

  private readonly loaded = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: ([runId], signal) => api.get('/runs/{runId}/debrief', { params: { path: { runId } }, signal }),
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => {
    const debrief = this.loaded.completed;
    return { title: debrief && `Group debrief – ${debrief.run.cohortLabel}` };
  });

  override render() {
    const frame = { heading: 'Group debrief', loading: 'Loading the debrief…', back: { href: '/runs', label: 'Back to runs' } };
    return whenLoaded(this.loaded.state, frame, (debrief) => this.renderDebrief(debrief));
  }

  private renderDebrief(debrief: RunDebrief) {
    const back = `/runs/${encodeURIComponent(this.runId)}`;
    return html`
      <rh-page-layout heading="Group debrief" caption=${debrief.run.cohortLabel} back-href=${back} back-label="Back to the run">
        <div class=${this.largeType ? 'large' : ''}>
          <p>Each scenario's model answer beside what every team on it decided: their latest choice and how they would act and review.</p>
          <div class="large-type-option">
            <input
              id="large-type"
              type="checkbox"
              .checked=${this.largeType}
              @change=${(event: Event) => (this.largeType = (event.target as HTMLInputElement).checked)}
            />
            <label for="large-type">Large type, for a projector</label>
          </div>
          ${debrief.scenarios.length === 0 ? html`<p>This run has no teams.</p>` : debrief.scenarios.map((scenario) => this.renderScenario(scenario))}
          ${debrief.revealNote
            ? html`<section aria-labelledby="reveal-heading">
                <h2 id="reveal-heading">What the exercise was based on</h2>
                ${renderMarkdown(debrief.revealNote)}
              </section>`
            : nothing}
        </div>
      </rh-page-layout>
    `;
  }

  private renderScenario(scenario: DebriefScenario) {
    return html`
      <h2>${scenario.title}</h2>
      <h3>Model answer</h3>
      ${renderMarkdown(scenario.modelAnswer.summary)}
      <div class="table-scroll" tabindex="0" role="region" aria-label=${`${scenario.title}: model answer and teams`}>
        <table>
          <caption>${scenario.title}: model answer and teams</caption>
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col">Model answer</th>
              ${scenario.teams.map((team) => html`<th scope="col">${team.name}</th>`)}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Band</th>
              <td><span class="choice">${scenario.modelAnswer.expectedBand.label}</span></td>
              ${scenario.teams.map(
                (team) => html`<td>
                  ${team.band
                    ? html`<span class="choice">${team.band.label}</span>${team.bandMatchesExpected ? 'Matches the expected band' : 'Differs from the expected band'}`
                    : html`<span class="not-recorded">No answers on the instrument</span>`}
                </td>`,
              )}
            </tr>
            ${scenario.decisionPoints.map(
              (point) => html`<tr>
                <th scope="row">${point.question}</th>
                <td>
                  ${point.model
                    ? html`<span class="choice">${point.model.expected.join(', ')}</span>${renderMarkdown(point.model.rationale)}`
                    : html`<span class="not-recorded">No model answer</span>`}
                </td>
                ${point.teams.map(
                  (team) => html`<td>
                    ${team.chosen
                      ? html`<span class="choice">${team.chosen.join(', ')}</span>${team.firstChosen
                            ? html`<p><strong>First recorded:</strong> ${team.firstChosen.join(', ')}</p>`
                            : nothing}${team.actionAndReview
                            ? html`<strong>Action and review:</strong> ${team.actionAndReview}`
                            : nothing}`
                      : html`<span class="not-recorded">Not recorded</span>`}
                  </td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-debrief-page': RhRunDebriefPage;
  }
}
