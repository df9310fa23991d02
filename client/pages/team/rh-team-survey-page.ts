import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { whenPartLoaded } from '../../loading.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

type SurveyStatus = ApiData<'/team/survey', 'get'>;

const deviceKey = 'rh-survey-device';
const scale = [
  { value: '1', label: '1 – not at all confident' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
  { value: '5', label: '5 – very confident' },
];

/** A random token this device keeps, so it answers each phase once; the server stores only its hash. */
function deviceToken(): string {
  let token = localStorage.getItem(deviceKey);
  if (!token) {
    token = crypto.randomUUID();
    localStorage.setItem(deviceKey, token);
  }
  return token;
}

/**
 * The anonymous confidence survey, answered by each person on their own device: on joining, how
 * confident they feel on each learning objective (1–5); at close, the same again plus what worked
 * and what would make it even better. Nothing asks for a name and nothing waits for it: the team's
 * pages never link here as a step, only as an optional aside.
 */
@customElement('rh-team-survey-page')
export class RhTeamSurveyPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  @state() private errors: FieldError[] = [];
  @state() private done = false;
  @state() private submitting = false;

  private readonly status = new LoadTask(this, {
    args: () => [],
    load: (_args, signal) => api.get('/team/survey', { params: { header: { 'x-survey-device': deviceToken() } }, signal }),
  });

  override render() {
    return html`<rh-page-layout heading="Confidence survey" back-href="/team" back-label="Back to your exercise">
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      ${whenPartLoaded(this.status.state, 'Loading the survey…', (status) => this.renderBody(status))}
    </rh-page-layout>`;
  }

  private renderBody(status: SurveyStatus) {
    if (this.done) return html`<div role="status"><p>Thank you: your answers are saved, anonymously.</p></div><p><a href="/team">Back to your exercise</a></p>`;
    if (status.open === null) {
      return html`<p>
        ${status.answered.includes('post')
          ? 'You have answered both parts of the survey on this device. Thank you.'
          : 'You have answered the survey for now. The second part opens when the exercise closes.'}
      </p>`;
    }
    const post = status.open === 'post';
    return html`
      <rh-inset-text>Anonymous and optional: no name is asked for, and your team's work does not wait for it. Answer on your own device, once ${post ? 'at the close' : 'at the start'}.</rh-inset-text>
      <form novalidate @submit=${(event: SubmitEvent) => this.submit(event, status)}>
        ${status.objectives.map(
          (objective) => html`<rh-radios
            field-id=${`ratings-${objective.id}`}
            name=${`rating-${objective.id}`}
            legend=${`How confident do you feel ${post ? 'now ' : ''}about: ${objective.text}?`}
            .options=${scale}
            .error=${errorFor(this.errors, `ratings-${objective.id}`)}
          ></rh-radios>`,
        )}
        ${post
          ? html`<rh-field field-id="whatWorked" name="whatWorked" type="textarea" label="What worked (optional)" .error=${errorFor(this.errors, 'whatWorked')}></rh-field>
              <rh-field field-id="evenBetterIf" name="evenBetterIf" type="textarea" label="Even better if (optional)" .error=${errorFor(this.errors, 'evenBetterIf')}></rh-field>`
          : nothing}
        <rh-button ?disabled=${this.submitting}>Send my answers</rh-button>
      </form>
    `;
  }

  private async submit(event: SubmitEvent, status: SurveyStatus) {
    event.preventDefault();
    if (!status.open) return;
    const data = new FormData(event.target as HTMLFormElement);
    const ratings: Record<string, number> = {};
    const missing: FieldError[] = [];
    for (const objective of status.objectives) {
      const value = data.get(`rating-${objective.id}`);
      if (value) ratings[objective.id] = Number(value);
      else missing.push({ fieldId: `ratings-${objective.id}`, message: `Choose how confident you feel about ${objective.text}` });
    }
    if (missing.length > 0) {
      this.errors = missing;
      return;
    }
    this.submitting = true;
    try {
      await api.post('/team/survey', {
        body: { deviceToken: deviceToken(), phase: status.open, ratings, whatWorked: String(data.get('whatWorked') ?? ''), evenBetterIf: String(data.get('evenBetterIf') ?? '') },
      });
      this.errors = [];
      this.done = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'survey_already_answered') this.done = true;
      else this.errors = fieldErrorsFrom(error, `ratings-${status.objectives[0]?.id ?? ''}`);
    } finally {
      this.submitting = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-survey-page': RhTeamSurveyPage;
  }
}
