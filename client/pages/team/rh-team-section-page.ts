import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/rh-button.js';
import '../../components/rh-checkboxes.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import type { RhField } from '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import '../../components/rh-summary-list.js';
import type { FieldError } from '../../components/form-parts.js';
import { saveStatusText } from '../../controllers/autosave-controller.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import type { AnswerValue, Conflict } from '../../outbox/answer-outbox.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { errorFor } from '../../form-errors.js';
import { requestNavigation } from '../../navigation.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import { describeAnswer, visibleItemsBySection, yesNoUnknownOptions } from './instrument-answers.js';
import type { TeamItem } from './instrument-answers.js';
import { caption, contradictionsNotice, submittedNotice, teamAutosave, teamNav, whenLive } from './team-frame.js';
import type { LiveTeam } from './team-frame.js';

/** The id of an item's control on the page (the first radio or checkbox of a group). */
export function answerFieldId(itemId: string): string {
  return `answer-${itemId}`;
}

/**
 * One section of the practice instrument, one page: each visible question as the field its kind
 * needs, with the pack's help as the hint. Questions appear and disappear as answers meet their
 * conditions. Answers save themselves (see autosave-controller.ts) and a status line says how
 * saving is going. A teammate's change to the same answer is shown beside the field with both
 * versions, for the team to choose. After the team submits, the answers are shown read-only.
 *
 * @attr section-id - the instrument section to show
 */
@customElement('rh-team-section-page')
export class RhTeamSectionPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    css`
      .status {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-2) var(--rh-space-3);
        background-color: var(--rh-colour-light-background);
      }

      .conflict {
        margin: calc(-1 * var(--rh-space-4)) 0 var(--rh-space-6);
        padding: var(--rh-space-3);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-brand-accent);
      }

      .conflict dl {
        margin: 0 0 var(--rh-space-4);
      }

      .conflict dt {
        font-weight: var(--rh-font-weight-bold);
      }

      .conflict dd {
        margin: 0 0 var(--rh-space-2);
        white-space: pre-wrap;
      }

      .conflict-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--rh-space-4);
      }

      .conflict-actions rh-button {
        margin-bottom: 0;
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 var(--rh-space-4);
      }
    `,
  ];

  @property({ attribute: 'section-id' }) sectionId = '';
  /** Numbers as typed, so text that is not yet a number stays on screen. */
  @state() private typedNumbers = new Map<string, string>();
  /** Problems found here before sending (a number that is not one). */
  @state() private localErrors = new Map<string, string>();
  /** The error summary's list, set when "Save and continue" finds problems (a stable array, so it takes focus once). */
  @state() private summaryErrors: FieldError[] = [];

  private readonly team = new TeamWorkspaceController(this);
  private readonly autosave = teamAutosave(this, this.team);
  private readonly documentTitle = new PageTitleController(this, () => {
    const scenario = this.team.workspace.liveScenario;
    if (!scenario) return {};
    const section = scenario.instrument.sections.find((candidate) => candidate.id === this.sectionId);
    return { title: section?.title ?? 'Page not found', hasErrors: this.summaryErrors.length > 0 };
  });

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sectionId')) this.summaryErrors = [];
  }

  override render() {
    return whenLive(this.team, 'Risk assessment', (live) => this.renderSection(live));
  }

  private renderSection(live: LiveTeam) {
    const instrument = live.scenario.instrument;
    const index = instrument.sections.findIndex((candidate) => candidate.id === this.sectionId);
    const section = instrument.sections[index];
    if (!section) {
      return html`${teamNav(this.team, 'form')}
        <rh-page-layout heading="Page not found" back-href="/team/form" back-label="Back to the risk assessment">
          <p>The risk assessment has no such section. <a href="/team/form">Go to the risk assessment</a>.</p>
        </rh-page-layout>`;
    }
    const outbox = this.autosave.outbox;
    const answers = outbox?.answers() ?? {};
    const items = visibleItemsBySection(instrument, answers).get(section.id) ?? [];
    const submittedAt = this.team.workspace.work?.submittedAt;
    const layoutCaption = `${caption(live)} – ${instrument.title}`;
    return html`
      ${teamNav(this.team, 'form')}
      <rh-page-layout heading=${section.title} caption=${layoutCaption} back-href="/team/form" back-label="Back to the risk assessment">
        ${submittedAt
          ? html`${submittedNotice(submittedAt)}
              <rh-summary-list .rows=${items.map((item) => ({ key: item.label, value: describeAnswer(item, answers[item.id]) }))}></rh-summary-list>
              <p><a href="/team/form">Back to the risk assessment</a></p>`
          : html`
              <rh-error-summary .errors=${this.summaryErrors}></rh-error-summary>
              ${section.description ? html`<p>${section.description}</p>` : nothing}
              ${contradictionsNotice(this.team.workspace.work?.contradictions)}
              ${!outbox || !this.team.workspace.work
                ? html`<p>Loading your team’s answers…</p>`
                : html`
                    <p class="status" role="status">${outbox.blocked || saveStatusText[outbox.status]}</p>
                    <form novalidate @submit=${(event: Event) => this.saveAndContinue(event, instrument.sections[index + 1]?.id)}>
                      ${items.map((item) => html`${this.renderItem(item, answers[item.id])}${this.renderConflict(item)}`)}
                      <div class="actions">
                        <rh-button>Save and continue</rh-button>
                        <a href="/team/form">Back to the risk assessment</a>
                      </div>
                    </form>
                  `}
            `}
      </rh-page-layout>
    `;
  }

  private errors(): FieldError[] {
    const outbox = this.autosave.outbox;
    const errors = new Map<string, string>(this.localErrors);
    for (const [itemId, message] of outbox?.problems ?? []) if (!errors.has(itemId)) errors.set(itemId, message);
    return [...errors].map(([itemId, message]) => ({ fieldId: answerFieldId(itemId), message }));
  }

  private renderItem(item: TeamItem, value: AnswerValue | undefined) {
    const fieldId = answerFieldId(item.id);
    const error = errorFor(this.errors(), fieldId);
    const hint = item.help ?? '';
    switch (item.kind) {
      case 'single-choice':
        return html`<rh-radios
          field-id=${fieldId}
          legend=${item.label}
          hint=${hint}
          error=${error}
          .options=${item.options}
          .value=${typeof value === 'string' ? value : ''}
          @rh-change=${(event: CustomEvent<{ value: string }>) => this.change(item, event.detail.value, true)}
        ></rh-radios>`;
      case 'yes-no-unknown':
        return html`<rh-radios
          field-id=${fieldId}
          legend=${item.label}
          hint=${hint}
          error=${error}
          .options=${yesNoUnknownOptions}
          .value=${typeof value === 'string' ? value : ''}
          @rh-change=${(event: CustomEvent<{ value: string }>) => this.change(item, event.detail.value, true)}
        ></rh-radios>`;
      case 'multiple-choice':
        return html`<rh-checkboxes
          field-id=${fieldId}
          legend=${item.label}
          hint=${hint || 'Select all that apply'}
          error=${error}
          .options=${item.options}
          .values=${Array.isArray(value) ? value : []}
          @rh-change=${(event: CustomEvent<{ values: string[] }>) => this.change(item, event.detail.values, true)}
        ></rh-checkboxes>`;
      case 'number': {
        const limits = [item.min !== undefined ? `at least ${item.min}` : '', item.max !== undefined ? `no more than ${item.max}` : '']
          .filter(Boolean)
          .join(' and ');
        const numberHint = [hint, item.unit ? `In ${item.unit}.` : '', limits ? `Enter ${item.integer ? 'a whole number' : 'a number'} ${limits}.` : '']
          .filter(Boolean)
          .join(' ');
        return html`<rh-field
          field-id=${fieldId}
          type="number"
          label=${item.label}
          hint=${numberHint}
          error=${error}
          .value=${this.typedNumbers.get(item.id) ?? (typeof value === 'number' ? String(value) : '')}
          @input=${(event: Event) => this.typeNumber(item, (event.currentTarget as RhField).value)}
          @rh-change=${() => this.autosave.outbox?.flushNow(item.id)}
        ></rh-field>`;
      }
      case 'date':
        return html`<rh-field
          field-id=${fieldId}
          type="date"
          label=${item.label}
          hint=${hint}
          error=${error}
          .value=${typeof value === 'string' ? value : ''}
          @input=${(event: Event) => this.change(item, (event.currentTarget as RhField).value, false)}
          @rh-change=${() => this.autosave.outbox?.flushNow(item.id)}
        ></rh-field>`;
      case 'short-text':
      case 'long-text':
        return html`<rh-field
          field-id=${fieldId}
          type=${item.kind === 'long-text' ? 'textarea' : 'text'}
          label=${item.label}
          hint=${hint ? `${hint} Up to ${item.maxLength} characters.` : `Up to ${item.maxLength} characters.`}
          error=${error}
          .value=${typeof value === 'string' ? value : ''}
          @input=${(event: Event) => this.change(item, (event.currentTarget as RhField).value, false)}
          @rh-change=${() => this.autosave.outbox?.flushNow(item.id)}
        ></rh-field>`;
    }
  }

  private renderConflict(item: TeamItem) {
    const conflict: Conflict | undefined = this.autosave.outbox?.conflicts.get(item.id);
    if (!conflict) return nothing;
    return html`
      <div class="conflict" role="group" aria-labelledby=${`conflict-${item.id}`}>
        <p id=${`conflict-${item.id}`}><strong>A teammate changed this answer while you were typing.</strong></p>
        <dl>
          <dt>Their answer:</dt>
          <dd>${describeAnswer(item, conflict.theirs.value)}</dd>
          <dt>Your answer:</dt>
          <dd>${describeAnswer(item, conflict.yours)}</dd>
        </dl>
        <div class="conflict-actions">
          <rh-button type="button" variant="secondary" @click=${() => this.autosave.outbox?.keepTheirs(item.id)}
            >Keep theirs<span class="visually-hidden"> for “${item.label}”</span></rh-button
          >
          <rh-button type="button" variant="secondary" @click=${() => this.autosave.outbox?.useMine(item.id)}
            >Use mine<span class="visually-hidden"> for “${item.label}”</span></rh-button
          >
        </div>
      </div>
    `;
  }

  private change(item: TeamItem, value: AnswerValue, immediate: boolean): void {
    const cleaned = value === '' || (Array.isArray(value) && value.length === 0) ? null : value;
    this.autosave.outbox?.change(item.id, cleaned, { immediate });
  }

  private typeNumber(item: TeamItem, text: string): void {
    this.typedNumbers = new Map(this.typedNumbers).set(item.id, text);
    const localErrors = new Map(this.localErrors);
    localErrors.delete(item.id);
    const trimmed = text.trim().replace(/,/g, '');
    if (trimmed === '') {
      this.change(item, null, false);
    } else if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
      this.change(item, Number(trimmed), false);
    } else {
      localErrors.set(item.id, 'Enter a number, like 3');
    }
    this.localErrors = localErrors;
  }

  private saveAndContinue(event: Event, nextSectionId: string | undefined): void {
    event.preventDefault();
    this.autosave.outbox?.flushNow();
    const errors = this.errors();
    // A new array each time, so the summary takes focus again.
    this.summaryErrors = errors;
    if (errors.length > 0) return;
    requestNavigation(this, nextSectionId ? `/team/form/${encodeURIComponent(nextSectionId)}` : '/team/form');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-section-page': RhTeamSectionPage;
  }
}
