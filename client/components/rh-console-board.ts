import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ConsoleTeam } from '../../server/console/schema.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
import './rh-button.js';
import './rh-error-summary.js';
import './rh-notification-banner.js';
import './rh-relative-time.js';
import { formatClockTime } from './rh-relative-time.js';
import './rh-tag.js';
import type { FieldError } from './form-parts.js';

/** What became of the last "Reopen" press, shown above the table. */
export interface ReopenOutcome {
  /** Counts up with each outcome, so a repeated message is still announced. */
  readonly count: number;
  readonly message: string;
}

/** The id of a team's "Reopen" button, which an error summary links to. */
export function reopenButtonId(teamId: string): string {
  return `reopen-${teamId}`;
}

/**
 * The facilitator's live board: one row per team with whether it has joined, its progress through
 * the practice form and the decisions, unread items, agency requests waiting for an answer, its
 * last activity and whether it has submitted. A submitted team's row has a "Reopen" button.
 *
 * The page re-renders the board as events arrive. Nothing here is a live region: a line saying when
 * the board was last updated is enough, without announcing every change.
 *
 * @prop teams - the console's teams
 * @prop updatedAt - when the data was fetched (ISO date-time), shown as "Updated hh:mm:ss"
 * @prop reopening - the id of the team whose work is being reopened, if any
 * @prop reopenOutcome - a success message to show above the table
 * @prop errors - problems with reopening, linked to the team's "Reopen" button
 * @fires rh-reopen - `{ teamId, teamName }` when a "Reopen" button is pressed
 */
@customElement('rh-console-board')
export class RhConsoleBoard extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
      }

      .updated {
        margin-bottom: var(--rh-space-2);
        color: var(--rh-colour-secondary-text);
        font-size: var(--rh-font-size-small);
      }

      .scenario {
        display: block;
        color: var(--rh-colour-secondary-text);
        font-size: var(--rh-font-size-small);
        font-weight: var(--rh-font-weight-regular);
        line-height: 1.25;
      }

      /* Compact rows: a facilitator sees every team of the day on a laptop's first screen. */
      th,
      td {
        padding-top: var(--rh-space-1);
        padding-bottom: var(--rh-space-1);
      }

      /* One short line per team where the width allows, so a laptop shows every team at once. */
      tbody th {
        min-width: 16em;
      }

      table {
        margin-bottom: 0;
      }

      thead th {
        font-size: var(--rh-font-size-small);
      }

      .table-scroll:focus-visible {
        outline: var(--rh-focus-width) solid var(--rh-colour-focus);
        outline-offset: 2px;
      }

      td rh-button {
        margin: var(--rh-space-1) 0 0;
      }

      .submitted {
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) teams: readonly ConsoleTeam[] = [];
  @property({ attribute: 'updated-at' }) updatedAt = '';
  @property({ attribute: false }) reopening: string | undefined;
  @property({ attribute: false }) reopenOutcome: ReopenOutcome | undefined;
  @property({ attribute: false }) errors: readonly FieldError[] = [];

  override render() {
    return html`
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      ${this.reopenOutcome
        ? keyed(
            this.reopenOutcome.count,
            html`<rh-notification-banner type="success"><p>${this.reopenOutcome.message}</p></rh-notification-banner>`,
          )
        : nothing}
      ${this.updatedAt
        ? html`<p class="updated">Updated <time datetime=${this.updatedAt}>${formatSeconds(this.updatedAt)}</time></p>`
        : nothing}
      ${this.teams.length === 0
        ? html`<p>This run has no teams.</p>`
        : html`
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="board-caption">
              <table>
                <caption id="board-caption" class="visually-hidden">Each team's progress, updated as it happens</caption>
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col">Joined</th>
                    <th scope="col">Required answers</th>
                    <th scope="col">Decisions</th>
                    <th scope="col">Unread items</th>
                    <th scope="col">Agency requests waiting</th>
                    <th scope="col">Last activity</th>
                    <th scope="col">Submitted</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.teams.map((team) => this.renderTeam(team))}
                </tbody>
              </table>
            </div>
          `}
    `;
  }

  private renderTeam(team: ConsoleTeam) {
    const { requiredAnswered, requiredVisible } = team.progress;
    return html`<tr>
      <th scope="row">${team.name}<span class="scenario">${team.scenarioTitle}</span></th>
      <td>${team.joined ? 'Yes' : 'No'}</td>
      <td>${requiredAnswered} of ${requiredVisible}</td>
      <td>${team.decisionsRecorded} of ${team.decisionPoints}</td>
      <td>${team.unreadReleases}</td>
      <td>
        ${team.awaitingAgencyReplies > 0
          ? html`<rh-tag colour="red">${team.awaitingAgencyReplies} waiting</rh-tag>`
          : 'None'}
      </td>
      <td>
        ${team.lastActivityAt
          ? html`<rh-relative-time datetime=${team.lastActivityAt}></rh-relative-time>`
          : 'None yet'}
      </td>
      <td>${team.submittedAt ? this.renderSubmitted(team, team.submittedAt) : 'Not yet'}</td>
    </tr>`;
  }

  private renderSubmitted(team: ConsoleTeam, submittedAt: string) {
    return html`
      <span class="submitted">Yes, at <time datetime=${submittedAt}>${formatClockTime(submittedAt)}</time></span>
      <rh-button
        id=${reopenButtonId(team.id)}
        type="button"
        variant="secondary"
        ?disabled=${this.reopening === team.id}
        @click=${() => this.reopen(team)}
        >Reopen<span class="visually-hidden"> ${team.name}'s work</span></rh-button
      >
    `;
  }

  private reopen(team: ConsoleTeam): void {
    if (this.reopening) return;
    this.dispatchEvent(
      new CustomEvent('rh-reopen', { detail: { teamId: team.id, teamName: team.name }, bubbles: true, composed: true }),
    );
  }
}

const secondsTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function formatSeconds(iso: string): string {
  return secondsTime.format(new Date(iso));
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-console-board': RhConsoleBoard;
  }
  interface HTMLElementEventMap {
    'rh-reopen': CustomEvent<{ teamId: string; teamName: string }>;
  }
}
