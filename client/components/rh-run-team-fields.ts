import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusStyles, visuallyHiddenStyles } from '../styles/shared.js';
import './rh-button.js';
import './rh-field.js';
import type { RhField, SelectOption } from './rh-field.js';

export interface TeamChange {
  readonly name: string;
  readonly scenarioId: string;
}

/**
 * One team of a run being created: its name and the scenario it works, in a fieldset headed
 * "Team 1", "Team 2"…, with a button to remove it. Field ids follow the API's detail paths, so
 * `body.teams.1.name` lands on `teams-1-name`.
 *
 * @attr index - the team's position, from 0
 * @prop name - the team name
 * @prop scenarioId - the chosen scenario
 * @prop scenarios - the pack's scenarios; without them the scenario question is not shown
 * @prop nameError - error message for the name
 * @prop scenarioError - error message for the scenario
 * @prop removable - whether to offer "Remove" (not when it is the only team)
 * @fires rh-team-change - `{ name, scenarioId }` when either answer changes
 * @fires rh-team-remove - when "Remove" is pressed
 */
@customElement('rh-run-team-fields')
export class RhRunTeamFields extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    focusStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-6);
        padding-bottom: var(--rh-space-2);
        border-bottom: 1px solid var(--rh-colour-border);
      }

      fieldset {
        min-width: 0;
        margin: 0;
        padding: 0;
        border: 0;
      }

      legend {
        margin-bottom: var(--rh-space-3);
        padding: 0;
        font-size: var(--rh-font-size-heading-m);
        font-weight: var(--rh-font-weight-bold);
      }
    `,
  ];

  @property({ type: Number }) index = 0;
  @property({ attribute: false }) name = '';
  @property({ attribute: false }) scenarioId = '';
  @property({ attribute: false }) scenarios: readonly SelectOption[] = [];
  @property({ attribute: false }) nameError = '';
  @property({ attribute: false }) scenarioError = '';
  @property({ type: Boolean }) removable = false;

  override render() {
    const position = this.index + 1;
    return html`
      <fieldset>
        <legend>Team ${position}</legend>
        <rh-field
          field-id=${`teams-${this.index}-name`}
          label="Team name"
          .value=${this.name}
          .error=${this.nameError}
          @input=${this.changeName}
        ></rh-field>
        ${this.scenarios.length > 0
          ? html`<rh-field
              field-id=${`teams-${this.index}-scenarioId`}
              type="select"
              label="Scenario"
              .options=${this.scenarios}
              .value=${this.scenarioId}
              .error=${this.scenarioError}
              @input=${this.changeScenario}
            ></rh-field>`
          : nothing}
        ${this.removable
          ? html`<rh-button type="button" variant="secondary" @click=${this.requestRemoval}
              >Remove<span class="visually-hidden"> team ${position}</span></rh-button
            >`
          : nothing}
      </fieldset>
    `;
  }

  private changeName(event: Event): void {
    this.announce({ name: (event.currentTarget as RhField).value, scenarioId: this.scenarioId });
  }

  private changeScenario(event: Event): void {
    this.announce({ name: this.name, scenarioId: (event.currentTarget as RhField).value });
  }

  private announce(change: TeamChange): void {
    this.dispatchEvent(new CustomEvent<TeamChange>('rh-team-change', { detail: change, bubbles: true, composed: true }));
  }

  private requestRemoval(): void {
    this.dispatchEvent(new CustomEvent('rh-team-remove', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-run-team-fields': RhRunTeamFields;
  }
}
