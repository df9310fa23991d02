import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Justification, RecordDecisionRequest } from '../../../server/workspace/schema.js';
import { api, ApiError } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-checkboxes.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import type { RhField } from '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import type { FieldError } from '../../components/form-parts.js';
import { newIdempotencyKey } from '../../idempotency-key.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { requestNavigation } from '../../navigation.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';
import { justificationFieldId, ndmParts } from './ndm.js';
import type { JustificationPart } from './ndm.js';
import { caption, submittedNotice, teamNav, whenLive } from './team-frame.js';
import type { LiveTeam } from './team-frame.js';
import type { TeamScenarioView } from './team-workspace.js';

const title = 'Record a decision';
type DecisionPoint = TeamScenarioView['decisionPoints'][number];

interface DecisionDraft {
  options: string[];
  justification: Justification;
  idempotencyKey: string;
  /** Sent once with this key: changing the draft after that needs a new key. */
  attempted: boolean;
}

function emptyDraft(): DecisionDraft {
  return {
    options: [],
    justification: { information: '', threatAndRisk: '', powersAndPolicy: '', options: '', actionAndReview: '', ethics: '' },
    idempotencyKey: newIdempotencyKey(),
    attempted: false,
  };
}

/**
 * Recording one decision (`?decision=<id>` in the address; without it, a choice of decision first): the question,
 * then the reasoning in the five stages of the National Decision Model and how it fits the Code of
 * Ethics at the model's centre, all required (the API accepts a decision without the Code of Ethics
 * only so that records and screens from before it was asked stay valid). The draft is
 * kept in localStorage as it is typed, so a reload or a dropped connection loses nothing, and it is
 * sent with an idempotency key, so a retry cannot record it twice.
 *
 * @attr decision-id - the decision point to record, from the address's query
 */
@customElement('rh-team-new-decision-page')
export class RhTeamNewDecisionPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  @property({ attribute: 'decision-id' }) decisionId = '';
  @state() private draft: DecisionDraft | undefined;
  @state() private errors: FieldError[] = [];
  @state() private submitting = false;
  private draftKey = '';

  private readonly team = new TeamWorkspaceController(this);
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  override willUpdate(changed: PropertyValues<this>): void {
    // Another decision: its own draft (loadDraft) and no problems yet.
    if (changed.has('decisionId')) this.errors = [];
  }

  override render() {
    return whenLive(this.team, title, (live) => this.renderPage(live));
  }

  private renderPage(live: LiveTeam) {
    const point = live.scenario.decisionPoints.find((candidate) => candidate.id === this.decisionId);
    const submittedAt = this.team.workspace.work?.submittedAt;
    return html`
      ${teamNav(this.team, 'decisions')}
      <rh-page-layout heading=${title} caption=${caption(live)} back-href="/team/decisions" back-label="Back to the decision log">
        ${submittedAt
          ? html`${submittedNotice(submittedAt)}<p><a href="/team/decisions">Back to the decision log</a></p>`
          : point
            ? this.renderForm(live.session.team.id, point)
            : this.renderPicker(live.scenario.decisionPoints)}
      </rh-page-layout>
    `;
  }

  private renderPicker(points: readonly DecisionPoint[]) {
    return html`
      <p>Which decision are you recording?</p>
      <ul>
        ${points.map((point) => html`<li><a href=${`/team/decisions/new?decision=${encodeURIComponent(point.id)}`}>${point.question}</a></li>`)}
      </ul>
    `;
  }

  private renderForm(teamId: string, point: DecisionPoint) {
    const draft = this.loadDraft(teamId, point.id);
    const options = point.options.map((option) => ({ value: option.id, label: option.label, exclusive: option.exclusive }));
    return html`
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      <form novalidate @submit=${(event: Event) => this.record(event, point)}>
        ${point.multiple
          ? html`<rh-checkboxes
              field-id="options"
              legend=${point.question}
              hint=${point.help ?? 'Select all that apply.'}
              error=${errorFor(this.errors, 'options')}
              .options=${options}
              .values=${draft.options}
              @rh-change=${(event: CustomEvent<{ values: string[] }>) => this.edit({ options: event.detail.values })}
            ></rh-checkboxes>`
          : html`<rh-radios
              field-id="options"
              legend=${point.question}
              hint=${point.help ?? ''}
              error=${errorFor(this.errors, 'options')}
              .options=${options}
              .value=${draft.options[0] ?? ''}
              @rh-change=${(event: CustomEvent<{ value: string }>) => this.edit({ options: [event.detail.value] })}
            ></rh-radios>`}
        <h2>Why: your reasoning under the National Decision Model</h2>
        ${ndmParts.map(
          (part) => html`<rh-field
            field-id=${justificationFieldId(part.key)}
            type="textarea"
            rows="4"
            label=${part.label}
            hint=${part.hint}
            error=${errorFor(this.errors, justificationFieldId(part.key))}
            .value=${draft.justification[part.key] ?? ''}
            @input=${(event: Event) => this.editPart(part.key, (event.currentTarget as RhField).value)}
          ></rh-field>`,
        )}
        <p>Your draft is kept on this device until the decision is recorded.</p>
        <rh-button ?disabled=${this.submitting}>Record the decision</rh-button>
      </form>
      ${this.submitting ? html`<p role="status">Recording…</p>` : nothing}
    `;
  }

  private loadDraft(teamId: string, decisionId: string): DecisionDraft {
    const key = `rehearse:decision-draft:${teamId}:${decisionId}`;
    if (this.draft && this.draftKey === key) return this.draft;
    this.draftKey = key;
    try {
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as DecisionDraft | null;
      this.draft = stored && typeof stored.idempotencyKey === 'string' ? { ...emptyDraft(), ...stored } : emptyDraft();
    } catch {
      this.draft = emptyDraft();
    }
    return this.draft;
  }

  private saveDraft(draft: DecisionDraft): void {
    this.draft = draft;
    try {
      localStorage.setItem(this.draftKey, JSON.stringify(draft));
    } catch {
      // Storage full or turned off: the draft stays on the page.
    }
  }

  private edit(change: Partial<Pick<DecisionDraft, 'options' | 'justification'>>): void {
    if (!this.draft) return;
    const changed = { ...this.draft, ...change };
    // Once sent, the key stands for what was sent; different content is a different request.
    if (changed.attempted) Object.assign(changed, { idempotencyKey: newIdempotencyKey(), attempted: false });
    this.saveDraft(changed);
  }

  private editPart(part: JustificationPart, text: string): void {
    if (!this.draft) return;
    this.edit({ justification: { ...this.draft.justification, [part]: text } });
  }

  private check(point: DecisionPoint, draft: DecisionDraft): FieldError[] {
    const errors: FieldError[] = [];
    if (draft.options.length === 0) {
      errors.push({ fieldId: 'options', message: point.multiple ? 'Choose at least one option' : 'Choose an option' });
    }
    for (const part of ndmParts) {
      if ((draft.justification[part.key] ?? '').trim() === '') errors.push({ fieldId: justificationFieldId(part.key), message: part.emptyMessage });
    }
    return errors;
  }

  private async record(event: Event, point: DecisionPoint): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.submitting) return;
    const problems = this.check(point, draft);
    if (problems.length > 0) {
      this.errors = problems;
      return;
    }
    this.saveDraft({ ...draft, attempted: true });
    this.submitting = true;
    const request: RecordDecisionRequest = {
      decisionId: point.id,
      options: draft.options,
      justification: draft.justification,
      idempotencyKey: draft.idempotencyKey,
    };
    try {
      await api.post('/team/decisions', { body: request });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The draft keeps its key: sending it again unchanged cannot record it twice.
      this.submitting = false;
      this.errors = fieldErrorsFrom(error, 'options', (fieldId) => (fieldId === 'decisionId' ? 'options' : fieldId));
      return;
    }
    try {
      localStorage.removeItem(this.draftKey);
    } catch {
      // Nothing to tidy.
    }
    await this.team.workspace.refreshWork();
    requestNavigation(this, `/team/decisions?recorded=${encodeURIComponent(point.id)}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-new-decision-page': RhTeamNewDecisionPage;
  }
}
