import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TeamMarking } from '../../server/marking/schema.js';
import { api, ApiError } from '../api/client.js';
import { redirectIfSignInNeeded } from '../auth-redirects.js';
import { fieldErrorsFrom } from '../form-errors.js';
import './rh-button.js';
import './rh-field.js';
import './rh-radios.js';
import type { FieldError } from './form-parts.js';

type Criterion = TeamMarking['criteria'][number];

/**
 * The lead's form for the final mark on one criterion of one team: a level and the reason, both
 * required. Problems show on the fields (the server's first, else the form's own checks); the
 * first problem takes focus.
 *
 * @attr run-id - the run
 * @attr team-id - the team
 * @attr id-prefix - makes the fields' ids unique on a page with several forms
 * @prop criterion - the criterion, with its levels
 * @fires rh-moderated - `{ teamId, criterionId, levelId }` once the final mark is saved
 * @fires rh-problems - `{ errors }` whenever the form's problems change, for the page's error summary
 */
@customElement('rh-moderation-form')
export class RhModerationForm extends LitElement {
  @property({ attribute: 'run-id' }) runId = '';
  @property({ attribute: 'team-id' }) teamId = '';
  @property({ attribute: 'id-prefix' }) idPrefix = 'moderation';
  @property({ attribute: false }) criterion: Criterion | undefined;

  @state() private levelId = '';
  @state() private reason = '';
  @state() private errors: FieldError[] = [];
  @state() private saving = false;

  // Light DOM, so the page's error summary can reach the fields by id through one shadow root less.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    const criterion = this.criterion;
    if (!criterion) return html``;
    const levelId = `${this.idPrefix}-level`;
    const reasonId = `${this.idPrefix}-reason`;
    return html`
      <form novalidate @submit=${this.submit}>
        <rh-radios
          field-id=${levelId}
          legend="Final level"
          error=${this.errorFor(levelId)}
          .options=${criterion.levels.map((level) => ({ value: level.id, label: `${level.label} (${level.points} points)`, hint: level.descriptor }))}
          .value=${this.levelId}
          @rh-change=${(event: CustomEvent<{ value: string }>) => (this.levelId = event.detail.value)}
        ></rh-radios>
        <rh-field
          field-id=${reasonId}
          type="textarea"
          rows="3"
          label="Reason for the final mark"
          hint="Assessors and the audit log see this."
          error=${this.errorFor(reasonId)}
          .value=${this.reason}
          @input=${(event: Event) => (this.reason = (event.currentTarget as HTMLElement & { value: string }).value)}
        ></rh-field>
        <rh-button ?disabled=${this.saving}>Save the final mark</rh-button>
      </form>
    `;
  }

  private errorFor(fieldId: string): string {
    return this.errors.find((error) => error.fieldId === fieldId)?.message ?? '';
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const criterion = this.criterion;
    if (!criterion || this.saving) return;
    const levelId = `${this.idPrefix}-level`;
    const reasonId = `${this.idPrefix}-reason`;
    const own: FieldError[] = [];
    if (!this.levelId) own.push({ fieldId: levelId, message: 'Choose the final level' });
    if (!this.reason.trim()) own.push({ fieldId: reasonId, message: 'Give the reason for the final mark' });
    if (own.length > 0) {
      this.showErrors(own);
      return;
    }
    this.saving = true;
    try {
      await api.put('/runs/{runId}/teams/{teamId}/moderations/{criterionId}', {
        params: { path: { runId: this.runId, teamId: this.teamId, criterionId: criterion.id } },
        body: { levelId: this.levelId, reason: this.reason },
      });
      this.showErrors([]);
      this.dispatchEvent(
        new CustomEvent('rh-moderated', {
          detail: { teamId: this.teamId, criterionId: criterion.id, levelId: this.levelId },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.showErrors(fieldErrorsFrom(error, reasonId, (fieldId) => (fieldId === 'levelId' ? levelId : reasonId)));
    } finally {
      this.saving = false;
    }
  }

  private showErrors(errors: FieldError[]): void {
    this.errors = errors;
    this.dispatchEvent(new CustomEvent('rh-problems', { detail: { errors }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-moderation-form': RhModerationForm;
  }
}
