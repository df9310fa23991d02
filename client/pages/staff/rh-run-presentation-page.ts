import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { whenLoaded } from '../../loading.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import { justificationText, ndmParts } from '../team/ndm.js';

type RunPresentation = ApiData<'/runs/{runId}/presentation', 'get'>;
type TeamPresentation = RunPresentation['teams'][number];

const nextKeys = new Set(['ArrowRight', 'ArrowDown', 'PageDown']);
const previousKeys = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/**
 * The presentation view for the projector when teams present their plans to the room: one team at
 * a time, full width in large type, with only what the team wrote or its own answers produced: its
 * band and what drove it, its decisions with the reasons it recorded, and its meetings' actions.
 * Never the rubric, the model answer or marks. The facilitator moves between teams with the arrow
 * keys or Page Up / Page Down (what presenter remotes send), Home and End, or the buttons; each move
 * is announced.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-run-presentation-page')
export class RhRunPresentationPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
        font-size: clamp(1.25rem, 1.8vw, 2.75rem);
        line-height: 1.4;
      }

      h1 {
        font-size: 2em;
      }

      h2 {
        font-size: 1.4em;
      }

      p,
      li,
      dt,
      dd {
        font-size: inherit;
      }

      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--rh-space-3);
        margin-bottom: var(--rh-space-4);
        font-size: 1rem;
      }

      .band {
        font-weight: var(--rh-font-weight-bold);
      }

      .decision {
        margin-bottom: var(--rh-space-6);
      }

      .choice {
        font-weight: var(--rh-font-weight-bold);
      }

      dl {
        margin: 0;
      }

      dt {
        font-weight: var(--rh-font-weight-bold);
      }

      dd {
        margin: 0 0 var(--rh-space-2);
        white-space: pre-wrap;
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';
  @state() private index = 0;

  private readonly loaded = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: ([runId], signal) => api.get('/runs/{runId}/presentation', { params: { path: { runId } }, signal }),
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => ({ title: this.current()?.teamName && `Presentation – ${this.current()!.teamName}` }));

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId')) this.index = 0;
  }

  private current(): TeamPresentation | undefined {
    return this.loaded.completed?.teams[this.index];
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    const teams = this.loaded.completed?.teams;
    if (!teams || teams.length === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    let next = this.index;
    if (nextKeys.has(event.key)) next = Math.min(this.index + 1, teams.length - 1);
    else if (previousKeys.has(event.key)) next = Math.max(this.index - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = teams.length - 1;
    else return;
    event.preventDefault();
    this.index = next;
  };

  override render() {
    const back = { href: `/runs/${encodeURIComponent(this.runId)}/console`, label: 'Back to the console' };
    return whenLoaded(this.loaded.state, { heading: 'Presentation view', loading: 'Loading…', back }, (presentation) => this.renderPresentation(presentation, back.href));
  }

  private renderPresentation(presentation: RunPresentation, back: string) {
    const teams = presentation.teams;
    const team = teams[this.index];
    if (!team) return html`<a href=${back}>Back to the console</a><h1>Presentation view</h1><p>This run has no teams.</p>`;
    const position = `Team ${this.index + 1} of ${teams.length}`;
    return html`
      <div class="bar">
        <a href=${back}>Back to the console</a>
        <p>Use the arrow keys or Page Up and Page Down to move between teams.</p>
        <span>
          <rh-button type="button" variant="secondary" ?disabled=${this.index === 0} @click=${() => (this.index -= 1)}>Previous team</rh-button>
          <rh-button type="button" variant="secondary" ?disabled=${this.index === teams.length - 1} @click=${() => (this.index += 1)}>Next team</rh-button>
        </span>
      </div>
      <p class="visually-hidden" role="status">${position}: ${team.teamName}</p>
      <h1 tabindex="-1"><span class="visually-hidden">${position}: </span>${team.teamName}</h1>
      <p>${team.scenarioTitle}</p>
      <section aria-labelledby="band-heading">
        <h2 id="band-heading">Our assessment</h2>
        ${team.band
          ? html`<p><span class="band">${team.band.label}</span>: ${team.band.description}</p>
              ${team.band.drivers.length > 0
                ? html`<p>What drove it:</p>
                    <ul>
                      ${team.band.drivers.map((driver) => html`<li>${driver}</li>`)}
                    </ul>`
                : nothing}`
          : html`<p>The team has not answered the risk assessment.</p>`}
      </section>
      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Our key decisions</h2>
        ${team.decisions.length === 0
          ? html`<p>The team has not recorded a decision.</p>`
          : team.decisions.map(
              (decision) => html`<div class="decision">
                <p><strong>${decision.question}</strong><br /><span class="choice">${decision.chosen.join('; ')}</span></p>
                <dl>
                  ${ndmParts
                    .filter((part) => Boolean(decision.justification[part.key]?.trim()))
                    .map((part) => html`<dt>${part.label}</dt><dd>${justificationText(decision.justification, part.key)}</dd>`)}
                </dl>
              </div>`,
            )}
      </section>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Our meeting actions</h2>
        ${team.actions.length === 0
          ? html`<p>No meeting actions recorded.</p>`
          : html`<ul>
              ${team.actions.map(
                (action) => html`<li>${action.body} <span class="secondary-text">(${action.meetingTitle}; owner: ${action.owner ?? 'not set'}; due: ${action.due ?? 'not set'})</span></li>`,
              )}
            </ul>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-presentation-page': RhRunPresentationPage;
  }
}
