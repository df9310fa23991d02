import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AgencyThread } from '../../server/agencies/schema.js';
import type { ConsoleTeam } from '../../server/console/schema.js';
import { typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
import './rh-agency-reply-form.js';
import './rh-notification-banner.js';
import { formatClockTime } from './rh-relative-time.js';
import './rh-tag.js';

/**
 * The agency inbox: every team's conversations with the pack's partner agencies, those waiting for
 * an answer first, then the most recently active. Each shows the team and agency, the messages (the team's and the agency's told apart
 * in words, not only by colour) with their times, and, while the team waits for an answer, a form to
 * answer in role. Confirms a sent answer in a success banner.
 *
 * @attr run-id - the run's id
 * @prop threads - the run's agency threads
 * @prop teams - the console's teams, for their scenario injects
 * @prop live - whether the run is live (agencies answer only then)
 * @fires rh-replied - (from the reply forms) once an answer is sent; the page fetches again
 */
@customElement('rh-agency-inbox')
export class RhAgencyInbox extends LitElement {
  static override styles = [
    typographyStyles,
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
      }

      .thread {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-4);
        border: 1px solid var(--rh-colour-border);
      }

      .thread h3 {
        margin-top: 0;
      }

      .messages {
        margin: 0 0 var(--rh-space-4);
        padding: 0;
        list-style: none;
      }

      .message {
        margin-bottom: var(--rh-space-3);
        padding: var(--rh-space-2) var(--rh-space-3);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
      }

      .message--agency {
        border-left-color: var(--rh-colour-brand-accent);
        background-color: var(--rh-colour-light-background);
      }

      .author {
        margin-bottom: var(--rh-space-1);
        font-weight: var(--rh-font-weight-bold);
      }

      .author time {
        color: var(--rh-colour-secondary-text);
        font-weight: var(--rh-font-weight-regular);
      }

      .body {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: break-word;
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';
  @property({ attribute: false }) threads: readonly AgencyThread[] = [];
  @property({ attribute: false }) teams: readonly ConsoleTeam[] = [];
  @property({ type: Boolean }) live = false;

  @state() private sent: { count: number; message: string } | undefined;

  override render() {
    const threads = [...this.threads].sort(
      (a, b) => Number(b.awaitingReply) - Number(a.awaitingReply) || lastActivity(b).localeCompare(lastActivity(a)),
    );
    return html`
      ${this.sent
        ? keyed(this.sent.count, html`<rh-notification-banner type="success"><p>${this.sent.message}</p></rh-notification-banner>`)
        : nothing}
      ${threads.length === 0 ? html`<p>No team has written to an agency yet.</p>` : repeat(
            threads,
            (thread) => `${thread.teamId}:${thread.agency.id}`,
            (thread) => this.renderThread(thread),
          )}
    `;
  }

  private renderThread(thread: AgencyThread) {
    const headingId = `thread-${thread.teamId}-${thread.agency.id}`;
    const team = this.teams.find((candidate) => candidate.id === thread.teamId);
    return html`
      <article class="thread" aria-labelledby=${headingId}>
        <h3 id=${headingId}>${thread.teamName} to ${thread.agency.name}</h3>
        ${thread.awaitingReply ? html`<p><rh-tag colour="red">Waiting for an answer</rh-tag></p>` : nothing}
        <ol class="messages">
          ${thread.messages.map((message) => {
            const injectTitle = message.injectId ? team?.injects.find((inject) => inject.id === message.injectId)?.title : undefined;
            return html`<li class=${`message message--${message.author}`}>
              <p class="author">
                ${message.author === 'team' ? thread.teamName : `${thread.agency.name} (answered by staff)`}
                <time datetime=${message.createdAt}>at ${formatClockTime(message.createdAt)}</time>
              </p>
              <p class="body">${message.body}</p>
              ${message.injectId ? html`<p>Sent with the prepared inject: ${injectTitle ?? message.injectId}</p>` : nothing}
            </li>`;
          })}
        </ol>
        ${thread.awaitingReply ? this.renderReply(thread, team) : nothing}
      </article>
    `;
  }

  private renderReply(thread: AgencyThread, team: ConsoleTeam | undefined) {
    if (!this.live) return html`<p>Agencies can answer only while the run is live.</p>`;
    return html`<rh-agency-reply-form
      run-id=${this.runId}
      .thread=${thread}
      .injects=${team?.injects ?? []}
      .research=${team?.research ?? []}
      @rh-replied=${this.confirm}
    ></rh-agency-reply-form>`;
  }

  private readonly confirm = (event: CustomEvent<{ teamName: string; agencyName: string }>): void => {
    this.sent = {
      count: (this.sent?.count ?? 0) + 1,
      message: `Your answer as ${event.detail.agencyName} went to ${event.detail.teamName}.`,
    };
  };
}

function lastActivity(thread: AgencyThread): string {
  return thread.messages.reduce((latest, message) => (message.createdAt > latest ? message.createdAt : latest), '');
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-agency-inbox': RhAgencyInbox;
  }
}
