import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-summary-list.js';
import type { SummaryRow } from '../../components/rh-summary-list.js';
import type { FieldError } from '../../components/form-parts.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import { describeAnswer, isAnswered, missingAnswers, visibleItemsBySection } from './instrument-answers.js';
import { justificationText, ndmParts } from './ndm.js';
import { caption, formatTime, submittedNotice, teamAutosave, teamNav, whenLive } from './team-frame.js';
import type { LiveTeam } from './team-frame.js';
import type { TeamWork } from './team-workspace.js';

const title = 'Check and submit';

function missingLinkId(itemId: string): string {
  return `missing-${itemId}`;
}

/**
 * GOV.UK's "check your answers" for the team's whole piece of work: every section of the risk
 * assessment with its visible answers and a link to change them, and the latest decision on each
 * decision point with its reasoning. Submitting locks the work (a facilitator can reopen it); it is
 * refused with an error summary while a required answer is missing or a change is still unsaved.
 */
@customElement('rh-team-check-page')
export class RhTeamCheckPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    css`
      .panel {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-6);
        background-color: var(--rh-colour-success);
        color: var(--rh-colour-on-brand);
        text-align: center;
      }

      .panel h2 {
        margin-top: 0;
        font-size: var(--rh-font-size-heading-xl);
      }

      .warning {
        position: relative;
        margin-bottom: var(--rh-space-6);
        padding-left: 3rem;
        font-weight: var(--rh-font-weight-bold);
      }

      .warning-icon {
        position: absolute;
        top: 0;
        left: 0;
        width: 2.2rem;
        height: 2.2rem;
        border-radius: 50%;
        background-color: var(--rh-colour-text);
        color: var(--rh-colour-background);
        font-size: 1.6rem;
        line-height: 2.2rem;
        text-align: center;
      }

      .confirm {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-4);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-text);
      }

      .confirm h3 {
        margin-top: 0;
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--rh-space-4);
      }

      .missing-text {
        color: var(--rh-colour-error);
        font-weight: var(--rh-font-weight-bold);
      }
    `,
  ];

  @state() private errors: FieldError[] = [];
  @state() private submitting = false;
  @state() private justSubmitted = false;
  /** Decision points still unrecorded when the team pressed submit: it is asked to confirm. */
  @state() private unrecordedToConfirm: ReadonlyArray<{ id: string; question: string }> = [];

  private readonly team = new TeamWorkspaceController(this);
  private readonly autosave = teamAutosave(this, this.team);
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  override updated(): void {
    const confirm = this.renderRoot.querySelector<HTMLElement>('.confirm[data-new]');
    if (confirm) {
      confirm.removeAttribute('data-new');
      confirm.focus();
    }
    if (this.justSubmitted) {
      this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
      this.justSubmitted = false;
    }
  }

  override render() {
    return whenLive(this.team, title, (live) => this.renderCheck(live));
  }

  private renderCheck(live: LiveTeam) {
    const work = this.team.workspace.work;
    return html`
      ${teamNav(this.team, 'check')}
      <rh-page-layout heading=${title} caption=${caption(live)}>
        ${work?.submittedAt
          ? html`<div class="panel" tabindex="-1">
                <h2>Your team’s work is submitted</h2>
                <p>Submitted at ${formatTime(work.submittedAt)}</p>
              </div>
              ${submittedNotice(work.submittedAt)}`
          : html`<rh-error-summary .errors=${this.errors}></rh-error-summary>`}
        ${!work || !this.autosave.outbox ? html`<p>Loading your team’s work…</p>` : this.renderAnswers(live, work.decisions, Boolean(work.submittedAt))}
      </rh-page-layout>
    `;
  }

  private renderAnswers(live: LiveTeam, decisions: TeamWork['decisions'], submitted: boolean) {
    const instrument = live.scenario.instrument;
    const answers = this.autosave.outbox?.answers() ?? {};
    const visible = visibleItemsBySection(instrument, answers);
    return html`
      <h2>${instrument.title}</h2>
      ${instrument.sections.map((section) => {
        const href = `/team/form/${encodeURIComponent(section.id)}`;
        const rows: SummaryRow[] = (visible.get(section.id) ?? []).map((item) => {
          const answered = isAnswered(answers[item.id]);
          if (!answered && item.required && !submitted) {
            return {
              key: item.label,
              value: html`<span class="missing-text">Not answered</span> <a id=${missingLinkId(item.id)} href=${href}
                  >Answer this question<span class="visually-hidden">: ${item.label}</span></a
                >`,
            };
          }
          return { key: item.label, value: describeAnswer(item, answers[item.id]), href: submitted ? undefined : href };
        });
        return html`<h3>${section.title}</h3>
          <rh-summary-list .rows=${rows}></rh-summary-list>`;
      })}
      <h2>Decisions</h2>
      ${live.scenario.decisionPoints.map((point) => {
        const latest = decisions.find((decision) => decision.decisionId === point.id);
        const href = `/team/decisions/new?decision=${encodeURIComponent(point.id)}`;
        if (!latest) {
          return html`<h3>${point.question}</h3>
            <p>Not recorded yet.${submitted ? nothing : html` <a href=${href}>Record this decision</a>`}</p>`;
        }
        const chosen = latest.options.map((option) => point.options.find((candidate) => candidate.id === option)?.label ?? option).join(', ');
        const change = submitted ? undefined : href;
        return html`<h3>${point.question}</h3>
          <rh-summary-list
            .rows=${[
              { key: 'Decision', value: chosen, href: change, actionLabel: 'Record again' },
              ...ndmParts.map((part) => ({ key: part.label, value: justificationText(latest.justification, part.key) })),
            ]}
          ></rh-summary-list>`;
      })}
      ${submitted
        ? nothing
        : html`
            <h2>Now submit your team’s work</h2>
            <div class="warning">
              <span class="warning-icon" aria-hidden="true">!</span>
              <span class="visually-hidden">Warning: </span>Submitting locks your team’s answers and decisions so they can be
              marked. A facilitator can reopen the work if you need to change anything.
            </div>
            ${this.unrecordedToConfirm.length > 0
              ? this.renderConfirmUnrecorded(live)
              : html`<rh-button id="submit-work" type="button" ?disabled=${this.submitting} @click=${() => this.submit(live, false)}
                  >Submit your team’s work</rh-button
                >`}
            ${this.submitting ? html`<p role="status">Submitting…</p>` : nothing}
          `}
    `;
  }

  private renderConfirmUnrecorded(live: LiveTeam) {
    const count = this.unrecordedToConfirm.length;
    return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="unrecorded-heading">
      <h3 id="unrecorded-heading">${count === 1 ? '1 decision point is' : `${count} decision points are`} not recorded</h3>
      <ul>
        ${this.unrecordedToConfirm.map(
          (point) => html`<li><a href=${`/team/decisions/new?decision=${encodeURIComponent(point.id)}`}>${point.question}</a></li>`,
        )}
      </ul>
      <p>Assessors mark what your team recorded: a decision that is not recorded cannot earn marks. Submit anyway?</p>
      <div class="actions">
        <rh-button id="confirm-submit" type="button" variant="warning" ?disabled=${this.submitting} @click=${() => this.submit(live, true)}
          >Submit without them</rh-button
        >
        <rh-button type="button" variant="secondary" @click=${() => this.cancelConfirm()}>Go back</rh-button>
      </div>
    </section>`;
  }

  private cancelConfirm(): void {
    this.unrecordedToConfirm = [];
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#submit-work')?.focus());
  }

  private async submit(live: LiveTeam, confirmUnrecorded: boolean): Promise<void> {
    const outbox = this.autosave.outbox;
    if (!outbox || this.submitting) return;
    const problems: FieldError[] = missingAnswers(live.scenario.instrument, outbox.answers()).map(({ item }) => ({
      fieldId: missingLinkId(item.id),
      message: `Answer “${item.label}”`,
    }));
    if (outbox.unsettled) {
      outbox.flushNow();
      problems.unshift({
        fieldId: 'submit-work',
        message:
          outbox.conflicts.size > 0
            ? 'Choose between your answer and a teammate’s on the risk assessment before you submit'
            : outbox.problems.size > 0
              ? 'Some answers could not be saved. Change them on the risk assessment, then submit'
              : 'Some changes have not been saved yet. Wait until they are saved, then submit',
      });
    }
    if (problems.length > 0) {
      this.errors = problems;
      this.unrecordedToConfirm = [];
      return;
    }
    const recorded = new Set((this.team.workspace.work?.decisions ?? []).map((decision) => decision.decisionId));
    const unrecorded = live.scenario.decisionPoints.filter((point) => !recorded.has(point.id));
    if (unrecorded.length > 0 && !confirmUnrecorded) {
      this.errors = [];
      this.unrecordedToConfirm = unrecorded;
      return;
    }
    this.submitting = true;
    try {
      await api.post('/team/submit', { body: { confirmUnrecorded } });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.submitting = false;
      if (error.code === 'decisions_unrecorded') {
        // A teammate's change since this page loaded: ask again with the server's list.
        await this.team.workspace.refreshWork();
        this.unrecordedToConfirm = live.scenario.decisionPoints.filter((point) => !(this.team.workspace.work?.decisions ?? []).some((decision) => decision.decisionId === point.id));
        return;
      }
      this.errors = [{ fieldId: this.unrecordedToConfirm.length > 0 ? 'confirm-submit' : 'submit-work', message: error.message }];
      return;
    }
    this.unrecordedToConfirm = [];
    this.errors = [];
    await this.team.workspace.refreshWork();
    this.submitting = false;
    this.justSubmitted = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-check-page': RhTeamCheckPage;
  }
}
