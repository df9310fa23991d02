import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AgencyThread } from '../../server/agencies/schema.js';
import type { ConsoleTeam } from '../../server/console/schema.js';
import { api, ApiError } from '../api/client.js';
import { redirectIfSignInNeeded } from '../auth-redirects.js';
import { errorFor, fieldErrorsFrom } from '../form-errors.js';
import { visuallyHiddenStyles } from '../styles/shared.js';
import type { FieldError } from './form-parts.js';
import './rh-button.js';
import './rh-error-summary.js';
import './rh-field.js';

type ConsoleInject = ConsoleTeam['injects'][number];
type HeldBackResearch = ConsoleTeam['research'][number];

/**
 * An assessor's answer to a team, in role as an agency: in their own words, with one of the team's
 * prepared injects (released to the team's feed alongside), or both; an analyst can also send research
 * the pack holds back until the team asks for it. The injects offered are those
 * of the team's scenario that come from this agency, or all of them when none do. Sends the answer
 * itself; problems show in an error summary linked to the fields.
 *
 * @prop runId - the run's id
 * @prop thread - the team's conversation with the agency
 * @prop injects - the injects of the team's scenario
 * @prop research - research the pack holds back from the team; what this agency may release on request is offered
 * @fires rh-replied - `{ teamName, agencyName }` once the answer is sent
 * @fires rh-form-errors - `{ source, hasErrors }` when errors appear or clear
 */
@customElement('rh-agency-reply-form')
export class RhAgencyReplyForm extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';
  @property({ attribute: false }) thread: AgencyThread | undefined;
  @property({ attribute: false }) injects: readonly ConsoleInject[] = [];
  @property({ attribute: false }) research: readonly HeldBackResearch[] = [];

  @state() private body = '';
  @state() private injectId = '';
  @state() private researchId = '';
  @state() private errors: FieldError[] = [];
  @state() private sending = false;

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('errors') && (changed.get('errors') as FieldError[] | undefined)?.length !== this.errors.length) {
      this.dispatchEvent(
        new CustomEvent('rh-form-errors', {
          detail: { source: this.idPrefix(), hasErrors: this.errors.length > 0 },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  override render() {
    const thread = this.thread;
    if (!thread) return nothing;
    const prefix = this.idPrefix();
    const fromAgency = this.injects.filter((inject) => inject.agency === thread.agency.id);
    const offered = fromAgency.length > 0 ? fromAgency : this.injects;
    const onRequest = this.research.filter((research) => research.releasedOnRequest === thread.agency.id);
    return html`
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      <form novalidate @submit=${this.submit}>
        <rh-field
          field-id=${`${prefix}-body`}
          type="textarea"
          rows="4"
          label=${`Answer as ${thread.agency.name}`}
          error=${errorFor(this.errors, `${prefix}-body`)}
          .value=${this.body}
          @input=${(event: Event) => (this.body = (event.currentTarget as HTMLInputElement).value)}
        ></rh-field>
        <rh-field
          field-id=${`${prefix}-inject`}
          type="select"
          label="Send a prepared inject (optional)"
          hint=${`It is released to ${thread.teamName}'s information feed.`}
          error=${errorFor(this.errors, `${prefix}-inject`)}
          .options=${[
            { value: '', label: 'No prepared inject' },
            ...offered.map((inject) => ({
              value: inject.id,
              label: `${inject.title}${inject.releasedAt ? ' (already released)' : ''}`,
            })),
          ]}
          .value=${this.injectId}
          @rh-change=${(event: CustomEvent<{ value: string }>) => (this.injectId = event.detail.value)}
        ></rh-field>
        ${onRequest.length > 0
          ? html`<rh-field
              field-id=${`${prefix}-research`}
              type="select"
              label="Send the research asked for (optional)"
              hint=${`The pack holds it back until ${thread.teamName} asks; it joins the team's profiles.`}
              error=${errorFor(this.errors, `${prefix}-research`)}
              .options=${[
                { value: '', label: 'No research' },
                ...onRequest.map((research) => ({ value: research.id, label: `${research.title}${research.releasedAt ? ' (already sent)' : ''}` })),
              ]}
              .value=${this.researchId}
              @rh-change=${(event: CustomEvent<{ value: string }>) => (this.researchId = event.detail.value)}
            ></rh-field>`
          : nothing}
        <rh-button ?disabled=${this.sending}
          >Send answer<span class="visually-hidden"> to ${thread.teamName} as ${thread.agency.name}</span></rh-button
        >
      </form>
    `;
  }

  private idPrefix(): string {
    return this.thread ? `reply-${this.thread.teamId}-${this.thread.agency.id}` : 'reply';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const thread = this.thread;
    if (!thread || this.sending) return;
    const prefix = this.idPrefix();
    const body = this.body.trim();
    if (!body && !this.injectId && !this.researchId) {
      this.errors = [{ fieldId: `${prefix}-body`, message: 'Write an answer or choose a prepared inject' }];
      return;
    }
    if (body.length > 5000) {
      this.errors = [{ fieldId: `${prefix}-body`, message: 'Keep the answer under 5000 characters' }];
      return;
    }
    this.sending = true;
    try {
      await api.post('/runs/{runId}/teams/{teamId}/agencies/{agencyId}/replies', {
        params: { path: { runId: this.runId, teamId: thread.teamId, agencyId: thread.agency.id } },
        body: { ...(body ? { body } : {}), ...(this.injectId ? { injectId: this.injectId } : {}), ...(this.researchId ? { researchId: this.researchId } : {}) },
      });
      this.errors = [];
      this.body = '';
      this.injectId = '';
      this.researchId = '';
      this.dispatchEvent(
        new CustomEvent('rh-replied', {
          detail: { teamName: thread.teamName, agencyName: thread.agency.name },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = fieldErrorsFrom(error, `${prefix}-body`, (fieldId) =>
        fieldId === 'injectId' ? `${prefix}-inject` : fieldId === 'researchId' ? `${prefix}-research` : `${prefix}-body`,
      );
    } finally {
      this.sending = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-agency-reply-form': RhAgencyReplyForm;
  }
  interface HTMLElementEventMap {
    'rh-replied': CustomEvent<{ teamName: string; agencyName: string }>;
  }
}
