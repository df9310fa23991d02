import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-page-layout.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { whenLoaded } from '../../loading.js';
import { markdown } from '../../lazy-markdown.js';
import { detailsStyles, focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type RunDebrief = ApiData<'/runs/{runId}/debrief', 'get'>;
type DebriefScenario = RunDebrief['scenarios'][number];

/**
 * The group debrief for facilitators in the room: for each scenario, a table whose rows are the
 * decision points (and the band) and whose columns are the model answer and each team on that
 * scenario, showing each team's latest choice and the "action and review" part of its reasoning.
 * On a laptop it uses the page's whole width; "Show on a projector" opens the same tables in a
 * modal dialog that fills the screen in large type (Escape or "Close the projector view" leaves it,
 * and focus goes back to the button). Then the pack's reveal note, what the exercise was based on,
 * for the facilitator to tell the room. Works in any state of the run.
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
    detailsStyles,
    visuallyHiddenStyles,
    css`
      td details {
        margin: var(--rh-space-1) 0 0;
      }

      .projector-button {
        margin-bottom: var(--rh-space-6);
      }

      /* The projector view: a modal dialog over the whole window, in type a room can read. */
      dialog.projector {
        box-sizing: border-box;
        width: 100vw;
        max-width: none;
        height: 100vh;
        max-height: none;
        margin: 0;
        padding: var(--rh-space-4) var(--rh-space-6);
        border: 0;
        font-size: clamp(1.25rem, 1.6vw, 2.5rem);
        line-height: 1.4;
      }

      dialog.projector::backdrop {
        background: var(--rh-colour-text);
      }

      .projector-bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--rh-space-3);
      }

      .projector table caption {
        font-size: 1.2em;
      }

      .projector p,
      .projector li,
      .projector th,
      .projector td {
        font-size: inherit;
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
  @state() private projecting = false;
  @query('dialog.projector') private projectorDialog?: HTMLDialogElement;
  @query('#show-on-projector') private projectorButton?: HTMLElement;

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
    const scenarios = () =>
      debrief.scenarios.length === 0 ? html`<p>This run has no teams.</p>` : debrief.scenarios.map((scenario) => this.renderScenario(scenario));
    return html`
      <rh-page-layout one-column heading="Group debrief" caption=${debrief.run.cohortLabel} back-href=${back} back-label="Back to the run">
        <p>Each scenario's model answer beside what every team on it decided: their latest choice and how they would act and review.</p>
        <rh-button id="show-on-projector" class="projector-button" type="button" variant="secondary" @click=${this.openProjector}
          >Show on a projector</rh-button
        >
        ${this.projecting ? html`<p>The debrief is showing in the projector view.</p>` : scenarios()}
        ${debrief.revealNote
          ? html`<section aria-labelledby="reveal-heading">
              <h2 id="reveal-heading">What the exercise was based on</h2>
              ${markdown(debrief.revealNote)}
            </section>`
          : nothing}
      </rh-page-layout>
      <dialog class="projector" aria-labelledby="projector-heading" @close=${this.projectorClosed}>
        ${this.projecting
          ? html`<div class="projector-bar">
                <h1 id="projector-heading" tabindex="-1">Group debrief: ${debrief.run.cohortLabel}</h1>
                <rh-button type="button" variant="secondary" @click=${() => this.projectorDialog?.close()}>Close the projector view</rh-button>
              </div>
              ${scenarios()}`
          : nothing}
      </dialog>
    `;
  }

  private readonly openProjector = async (): Promise<void> => {
    this.projecting = true;
    await this.updateComplete;
    this.projectorDialog?.showModal();
    this.renderRoot.querySelector<HTMLElement>('#projector-heading')?.focus();
  };

  private readonly projectorClosed = async (): Promise<void> => {
    this.projecting = false;
    await this.updateComplete;
    this.projectorButton?.focus();
  };

  private renderScenario(scenario: DebriefScenario) {
    return html`
      <h2>${scenario.title}</h2>
      <h3>Model answer</h3>
      ${markdown(scenario.modelAnswer.summary)}
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
                    ? html`<span class="choice">${point.model.expected.join(', ')}</span>
                        <details>
                          <summary>Why<span class="visually-hidden">: the model answer's reasoning</span></summary>
                          ${markdown(point.model.rationale)}
                        </details>`
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
