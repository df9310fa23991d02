import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import type { RhField } from '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import type { FieldError } from '../../components/form-parts.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { errorFor } from '../../form-errors.js';
import { newIdempotencyKey } from '../../idempotency-key.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';
import { caption, formatTime, submittedNotice, teamNav, whenLive } from './team-frame.js';
import type { LiveTeam } from './team-frame.js';
import type { AgencyThread } from './team-workspace.js';

const title = 'Agencies';
type Agency = { id: string; name: string; description: string };

function messageFieldId(agencyId: string): string {
  return `message-${agencyId}`;
}

/**
 * The partner agencies of the exercise (Children's Social Care …): for each, what it does, the
 * team's conversation with it, and a form to write to it. An assessor answers in role; answers
 * arrive through the event stream without a reload. Unsent messages are kept on this device.
 */
@customElement('rh-team-agencies-page')
export class RhTeamAgenciesPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      section {
        margin-bottom: var(--rh-space-8);
      }

      ol {
        margin: 0 0 var(--rh-space-6);
        padding: 0;
        list-style: none;
      }

      li {
        max-width: 85%;
        margin-bottom: var(--rh-space-3);
        padding: var(--rh-space-2) var(--rh-space-3);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
        background-color: var(--rh-colour-light-background);
      }

      li.agency {
        border-left-color: var(--rh-colour-brand-accent);
      }

      li.team {
        margin-left: auto;
        border-left-color: var(--rh-colour-success);
        background-color: var(--rh-colour-background);
        outline: 1px solid var(--rh-colour-border);
      }

      .author {
        display: block;
        font-weight: var(--rh-font-weight-bold);
      }

      .body {
        white-space: pre-wrap;
      }
    `,
  ];

  @state() private errors: FieldError[] = [];
  @state() private sending = '';
  @state() private sent = '';
  private readonly drafts = new Map<string, string>();

  private readonly team = new TeamWorkspaceController(this);
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  override render() {
    return whenLive(this.team, title, (live) => this.renderAgencies(live));
  }

  private renderAgencies(live: LiveTeam) {
    const threads = this.team.workspace.threads;
    const submittedAt = this.team.workspace.work?.submittedAt;
    return html`
      ${teamNav(this.team, 'agencies')}
      <rh-page-layout heading=${title} caption=${caption(live)}>
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        ${submittedNotice(submittedAt)}
        <p>Write to a partner agency as you would on the day. Someone playing the agency will answer here.</p>
        ${live.scenario.agencies.length === 0 ? html`<p>This exercise has no partner agencies.</p>` : nothing}
        ${live.scenario.agencies.map((agency) =>
          this.renderAgency(agency, threads?.find((thread) => thread.agency.id === agency.id), threads === undefined, Boolean(submittedAt)),
        )}
      </rh-page-layout>
    `;
  }

  private renderAgency(agency: Agency, thread: AgencyThread | undefined, loading: boolean, readOnly: boolean) {
    const headingId = `agency-${agency.id}`;
    const fieldId = messageFieldId(agency.id);
    const messages = thread?.messages ?? [];
    return html`
      <section aria-labelledby=${headingId}>
        <h2 id=${headingId}>${agency.name}</h2>
        <p class="secondary-text">${agency.description}</p>
        <h3>Your conversation with ${agency.name}</h3>
        ${loading
          ? html`<p>Loading…</p>`
          : messages.length === 0
            ? html`<p>You have not written to ${agency.name} yet.</p>`
            : html`<ol>
                ${messages.map(
                  (message) => html`<li class=${message.author}>
                    <span class="author">${message.author === 'team' ? 'Your team' : agency.name}, ${formatTime(message.createdAt)}</span>
                    <span class="body">${message.body}</span>
                  </li>`,
                )}
              </ol>`}
        ${thread?.awaitingReply ? html`<p>Waiting for ${agency.name} to answer.</p>` : nothing}
        ${this.sent === agency.id ? html`<p role="status">Your message to ${agency.name} was sent.</p>` : nothing}
        ${readOnly
          ? nothing
          : html`<form novalidate @submit=${(event: Event) => this.send(event, agency)}>
              <rh-field
                field-id=${fieldId}
                type="textarea"
                rows="4"
                label=${`Write to ${agency.name}`}
                error=${errorFor(this.errors, fieldId)}
                .value=${this.drafts.get(agency.id) ?? this.storedDraft(agency.id)}
                @input=${(event: Event) => this.keepDraft(agency.id, (event.currentTarget as RhField).value)}
              ></rh-field>
              <rh-button ?disabled=${this.sending === agency.id}>Send to ${agency.name}</rh-button>
            </form>`}
      </section>
    `;
  }

  private draftKey(agencyId: string): string {
    return `rehearse:agency-draft:${this.team.workspace.teamId ?? ''}:${agencyId}`;
  }

  private storedDraft(agencyId: string): string {
    try {
      return localStorage.getItem(this.draftKey(agencyId)) ?? '';
    } catch {
      return '';
    }
  }

  /** One key per message being written: a retry after a dropped connection reuses it, so the message is recorded once. */
  private readonly messageKeys = new Map<string, string>();

  private keyFor(agencyId: string): string {
    const key = this.messageKeys.get(agencyId) ?? newIdempotencyKey();
    this.messageKeys.set(agencyId, key);
    return key;
  }

  private keepDraft(agencyId: string, text: string): void {
    // A changed draft is a different message, so it gets a key of its own.
    if (text !== this.drafts.get(agencyId)) this.messageKeys.delete(agencyId);
    this.drafts.set(agencyId, text);
    try {
      if (text === '') localStorage.removeItem(this.draftKey(agencyId));
      else localStorage.setItem(this.draftKey(agencyId), text);
    } catch {
      // Storage full or turned off: the draft stays on the page.
    }
  }

  private async send(event: Event, agency: Agency): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const fieldId = messageFieldId(agency.id);
    const body = (this.drafts.get(agency.id) ?? this.storedDraft(agency.id)).trim();
    if (body === '') {
      this.errors = [{ fieldId, message: `Write your message to ${agency.name}` }];
      return;
    }
    this.sending = agency.id;
    this.sent = '';
    try {
      await api.post('/team/agencies/{agencyId}/messages', {
        params: { path: { agencyId: agency.id } },
        body: { body, idempotencyKey: this.keyFor(agency.id) },
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.sending = '';
      this.errors = [{ fieldId, message: error.details[0]?.message ?? error.message }];
      return;
    }
    this.keepDraft(agency.id, '');
    this.errors = [];
    this.sending = '';
    this.sent = agency.id;
    await this.team.workspace.refreshThreads();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-agencies-page': RhTeamAgenciesPage;
  }
}
