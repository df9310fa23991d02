import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-button.js';
import '../../components/rh-decision-record.js';
import '../../components/rh-meeting-record.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import '../../components/rh-summary-list.js';
import '../../components/rh-tag.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { whenLoaded } from '../../loading.js';
import { isTextField, markingKeyAction } from '../../marking-keys.js';
import { focusField } from '../../shadow-dom.js';
import { detailsStyles, focusStyles, linkStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type TeamMarking = ApiData<'/runs/{runId}/teams/{teamId}/marking', 'get'>;
type Criterion = TeamMarking['criteria'][number];

interface Draft {
  levelId: string;
  comment: string;
}

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** How long typing in a comment pauses before the comment is saved. */
const commentDebounceMs = 800;
/** How long to wait before sending again after the connection dropped. */
const retryMs = 5_000;

export function levelFieldId(criterionId: string): string {
  return `level-${criterionId}`;
}

/**
 * Marking one team: the team's work on the left (the decision the criterion on screen is about
 * first, with its five National Decision Model parts, then the other decisions, the risk
 * assessment answers and band) and the rubric on the right, one criterion at a time.
 *
 * An assessor chooses a level with the radios or number keys 1–9, and moves between criteria with
 * Previous and Next, "n" and "p", or Alt+→ and Alt+←. Each choice saves at once and a comment
 * saves after a pause in typing; a polite live region says "Saving…", "Saved" or why not.
 * Finishing locks the marks; an unmarked criterion comes back in the error summary, whose link
 * opens that criterion. Once every required assessor has finished, the others' marks show beside
 * mine, with the lead's moderated mark if there is one.
 *
 * @attr run-id - the run's id, from the address
 * @attr team-id - the team's id, from the address
 */
@customElement('rh-team-marking-page')
export class RhTeamMarkingPage extends LitElement {
  static override styles = [
    detailsStyles,
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    css`
      .rubric h2 {
        margin-top: 0;
      }

      .criterion-count {
        display: block;
        margin-bottom: var(--rh-space-1);
        color: var(--rh-colour-secondary-text);
        font-size: var(--rh-font-size-heading-s);
        font-weight: var(--rh-font-weight-regular);
      }

      .criterion-nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--rh-space-3);
      }

      .save-status {
        min-height: 1.5em;
        font-weight: var(--rh-font-weight-bold);
      }

      .save-status--failed {
        color: var(--rh-colour-error);
      }

      .mark {
        margin-bottom: var(--rh-space-4);
        padding-left: var(--rh-space-3);
        border-left: 5px solid var(--rh-colour-border);
      }

      .mark p {
        margin-bottom: var(--rh-space-1);
      }

      kbd {
        padding: 0 0.25em;
        border: 1px solid var(--rh-colour-border);
        font-family: inherit;
      }

      /* On wide screens the rubric stays in view beside the work while the assessor scrolls. */
      @media (min-width: 40.0625em) {
        .rubric {
          position: sticky;
          top: 0;
          max-height: 100vh;
          overflow-y: auto;
        }
      }
    `,
  ];

  @property({ attribute: 'run-id' }) runId = '';
  @property({ attribute: 'team-id' }) teamId = '';

  private readonly loaded = new LoadTask(this, {
    args: () => [this.runId, this.teamId] as const,
    load: ([runId, teamId], signal) => fetchMarking(runId, teamId, signal),
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => {
    const marking = this.marking();
    return { title: marking ? `Marking ${marking.team.name}` : undefined, hasErrors: this.errors.length > 0 };
  });

  /** The marking after finishing, which replaces the one first loaded. */
  @state() private refreshed: TeamMarking | undefined;
  /** Index of the criterion on screen; chosen when the marking first loads. */
  @state() private current: number | undefined;
  @state() private saveStatus: SaveStatus = { kind: 'idle' };
  @state() private errors: FieldError[] = [];
  @state() private finishing = false;
  @state() private justFinished = false;

  /** What I have chosen and typed per criterion, ahead of what the server has confirmed. */
  private readonly drafts = new Map<string, Draft>();
  private readonly inFlight = new Set<string>();
  /** Criteria changed while a save was in flight: saved again when it returns. */
  private readonly dirty = new Set<string>();
  private readonly commentTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly settled = new Map<string, Promise<void>>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKeydown);
    // Leaving the screen mid-pause still saves the comment typed so far.
    for (const criterionId of [...this.commentTimers.keys()]) this.flushComment(criterionId);
    clearTimeout(this.retryTimer);
  }

  override willUpdate(): void {
    const marking = this.marking();
    if (marking && this.current === undefined) this.current = firstToMark(marking);
  }

  override render() {
    const back = { href: `/runs/${encodeURIComponent(this.runId)}/marking`, label: 'Back to marking' };
    const frame = { heading: 'Marking', loading: 'Loading the team’s work…', back };
    return whenLoaded(this.loaded.state, frame, (loaded) => this.renderMarking(this.refreshed ?? loaded, back.href));
  }

  private renderMarking(marking: TeamMarking, back: string) {
    const criterion = marking.criteria[this.current ?? 0];
    return html`
      <rh-page-layout heading=${marking.team.name} caption="Marking" back-href=${back} back-label="Back to marking">
        <div @click=${this.followErrorLink}>
          <rh-error-summary .errors=${this.errors}></rh-error-summary>
        </div>
        ${this.renderCompletion(marking)}
        <p><a href="#rubric-heading">Skip to the rubric</a></p>
        ${this.renderWork(marking, criterion)}
        <div slot="aside" class="rubric">${criterion ? this.renderRubric(marking, criterion) : html`<p>This team’s rubric has no criteria.</p>`}</div>
      </rh-page-layout>
    `;
  }

  private marking(): TeamMarking | undefined {
    return this.refreshed ?? this.loaded.completed;
  }

  private canEdit(marking: TeamMarking): boolean {
    return marking.completion.canMark && marking.completion.mine === null;
  }

  private renderCompletion(marking: TeamMarking) {
    const { completion } = marking;
    const finished = completion.mine
      ? html`<rh-notification-banner type=${this.justFinished ? 'success' : 'important'}>
          <p>
            You finished marking this team on ${new Date(completion.mine).toLocaleString('en-GB')}. Your marks are locked, so this
            screen is read-only.
          </p>
        </rh-notification-banner>`
      : nothing;
    const notAssessor = completion.canMark
      ? nothing
      : html`<rh-inset-text>You are not one of this run’s assessors, so you can read the team’s work but not mark it.</rh-inset-text>`;
    const blind =
      completion.required > 1
        ? html`<p>
            ${completion.unblinded
              ? `All ${completion.required} assessors have finished, so their marks show beside each other.`
              : `Marked by ${completion.required} assessors; marks are hidden from each other until ${completion.required === 2 ? 'both' : 'all'} have finished. ${completion.finished} of ${completion.required} finished so far.`}
          </p>`
        : nothing;
    return html`${finished}${notAssessor}${blind}`;
  }

  private renderWork(marking: TeamMarking, criterion: Criterion | undefined) {
    const { evidence } = marking;
    const aboutId = criterion?.decisionId ?? null;
    const about = aboutId ? evidence.decisions.find((decision) => decision.decisionId === aboutId) : undefined;
    const others = evidence.decisions.filter((decision) => decision !== about);
    return html`
      ${aboutId
        ? html`<h2>The decision this criterion is about</h2>
            ${about
              ? html`<rh-decision-record .decision=${about}></rh-decision-record>`
              : html`<p>The team did not record the decision this criterion is about.</p>`}`
        : nothing}
      <h2>${aboutId ? 'Other decisions' : 'Decisions'}</h2>
      ${others.length === 0
        ? html`<p>${aboutId ? 'The team recorded no other decisions.' : 'The team recorded no decisions.'}</p>`
        : others.map((decision) => html`<rh-decision-record .decision=${decision}></rh-decision-record>`)}
      <h2>Risk assessment</h2>
      <p><strong>Risk band:</strong> ${evidence.band ? evidence.band.label : 'Not worked out: the assessment is incomplete'}</p>
      ${evidence.answers.length === 0
        ? html`<p>The team answered none of the risk assessment.</p>`
        : html`<rh-summary-list .rows=${evidence.answers.map((answer) => ({ key: answer.label, value: answer.answer }))}></rh-summary-list>`}
      ${evidence.meetings.map(
        (meeting) => html`<h2>Meeting: ${meeting.title}</h2>
          <p>
            Chair: ${meeting.chair}.${meeting.level !== null ? ` Level ${meeting.level}.` : ''} Agencies:
            ${meeting.agencies.length > 0 ? meeting.agencies.map((agency) => agency.name).join(', ') : 'none'}.
            ${meeting.closedAt ? 'Closed.' : 'Still open.'}
          </p>
          <rh-meeting-record readonly .record=${meeting}></rh-meeting-record>`,
      )}
    `;
  }

  private renderRubric(marking: TeamMarking, criterion: Criterion) {
    const index = this.current ?? 0;
    const total = marking.criteria.length;
    return html`
      <h2 id="rubric-heading" tabindex="-1">
        <span class="criterion-count">Criterion ${index + 1} of ${total}</span>${criterion.title}
      </h2>
      <p><strong>Objective:</strong> ${criterion.objective}</p>
      <p>${criterion.description}</p>
      ${criterion.kind === 'automatic' ? this.renderAutomatic(criterion) : this.renderJudgement(marking, criterion)}
      <p class=${this.saveStatus.kind === 'failed' ? 'save-status save-status--failed' : 'save-status'} role="status">
        ${saveStatusText(this.saveStatus)}
      </p>
      <div class="criterion-nav">
        ${index > 0
          ? html`<rh-button type="button" variant="secondary" @click=${() => this.goTo(index - 1)}>Previous criterion</rh-button>`
          : nothing}
        ${index < total - 1
          ? html`<rh-button type="button" variant="secondary" @click=${() => this.goTo(index + 1)}>Next criterion</rh-button>`
          : nothing}
      </div>
      ${this.renderShortcuts()} ${this.renderFinish(marking)}
    `;
  }

  private renderAutomatic(criterion: Criterion) {
    const automatic = criterion.automatic;
    return html`
      <p><rh-tag colour="grey">Scored automatically</rh-tag></p>
      <p><strong>${automatic ? automatic.points : 0} of ${criterion.maxPoints} points</strong></p>
      ${automatic ? html`<p>${automatic.explanation}</p>` : nothing}
      <p class="secondary-text">There is nothing to mark here: the rules score it from the team’s work.</p>
    `;
  }

  private renderJudgement(marking: TeamMarking, criterion: Criterion) {
    const draft = this.draftFor(criterion);
    const fieldId = levelFieldId(criterion.id);
    const editable = this.canEdit(marking);
    return html`
      ${editable
        ? html`
            <rh-radios
              field-id=${fieldId}
              legend="Choose a level"
              hint="Or press its number key: 1 for the first level, 2 for the second…"
              error=${this.errors.find((error) => error.fieldId === fieldId)?.message ?? ''}
              .options=${criterion.levels.map((level, levelIndex) => ({
                value: level.id,
                label: `${levelIndex + 1}. ${level.label} (${pointsText(level.points)})`,
                hint: level.descriptor,
              }))}
              .value=${draft.levelId}
              @rh-change=${(event: CustomEvent<{ value: string }>) => this.chooseLevel(criterion, event.detail.value)}
            ></rh-radios>
            <rh-field
              field-id=${`comment-${criterion.id}`}
              type="textarea"
              rows="4"
              label="Your comment (optional)"
              hint="Saved as you type."
              .value=${draft.comment}
              @input=${(event: Event) => this.typeComment(criterion, (event.currentTarget as HTMLElement & { value: string }).value)}
              @rh-change=${() => this.flushComment(criterion.id)}
            ></rh-field>
          `
        : marking.completion.canMark
          ? html`<h3>Your mark</h3>
              ${this.renderMark(criterion, criterion.mine?.levelId ?? '', criterion.mine?.comment ?? '', 'You')}`
          : nothing}
      ${criterion.others.length > 0
        ? html`<h3>Other assessors’ marks</h3>
            ${criterion.others.map((other) => this.renderMark(criterion, other.levelId, other.comment, other.assessorName))}`
        : nothing}
      ${criterion.moderated
        ? html`<h3>Moderated mark</h3>
            <div class="mark">
              <p><strong>${levelText(criterion, criterion.moderated.levelId)}</strong></p>
              <p>Reason: ${criterion.moderated.reason}</p>
              <p class="secondary-text">By ${criterion.moderated.moderatedBy}, ${new Date(criterion.moderated.moderatedAt).toLocaleString('en-GB')}</p>
            </div>`
        : nothing}
    `;
  }

  private renderMark(criterion: Criterion, levelId: string, comment: string, who: string) {
    return html`<div class="mark">
      <p><strong>${who}:</strong> ${levelId ? levelText(criterion, levelId) : 'No level chosen'}</p>
      <p>${comment ? `Comment: ${comment}` : 'No comment'}</p>
    </div>`;
  }

  private renderShortcuts() {
    return html`
      <details>
        <summary>Keyboard shortcuts</summary>
        <p>These work when you are not typing in a text box.</p>
        <ul>
          <li><kbd>1</kbd> to <kbd>9</kbd>: choose that level of this criterion (1 is the first level listed)</li>
          <li><kbd>n</kbd> or <kbd>Alt</kbd>+<kbd>→</kbd>: next criterion</li>
          <li><kbd>p</kbd> or <kbd>Alt</kbd>+<kbd>←</kbd>: previous criterion</li>
        </ul>
        <p>Your choice and comment save automatically; the message above the buttons says when.</p>
      </details>
    `;
  }

  private renderFinish(marking: TeamMarking) {
    if (!this.canEdit(marking)) return nothing;
    return html`
      <h2>Finish marking</h2>
      <p>When you finish, your marks for this team lock and you cannot change them.</p>
      <rh-button id="finish" type="button" ?disabled=${this.finishing} @click=${this.finish}>Finish marking this team</rh-button>
    `;
  }

  private draftFor(criterion: Criterion): Draft {
    return this.drafts.get(criterion.id) ?? { levelId: criterion.mine?.levelId ?? '', comment: criterion.mine?.comment ?? '' };
  }

  private chooseLevel(criterion: Criterion, levelId: string): void {
    this.drafts.set(criterion.id, { ...this.draftFor(criterion), levelId });
    this.errors = this.errors.filter((error) => error.fieldId !== levelFieldId(criterion.id));
    this.clearCommentTimer(criterion.id);
    this.requestUpdate();
    void this.save(criterion.id);
  }

  private typeComment(criterion: Criterion, comment: string): void {
    const draft = { ...this.draftFor(criterion), comment };
    this.drafts.set(criterion.id, draft);
    this.clearCommentTimer(criterion.id);
    if (!draft.levelId) {
      this.saveStatus = { kind: 'failed', message: 'choose a level first, then your comment will save' };
      return;
    }
    this.commentTimers.set(
      criterion.id,
      setTimeout(() => {
        this.commentTimers.delete(criterion.id);
        void this.save(criterion.id);
      }, commentDebounceMs),
    );
  }

  private flushComment(criterionId: string): void {
    if (!this.commentTimers.has(criterionId)) return;
    this.clearCommentTimer(criterionId);
    void this.save(criterionId);
  }

  private clearCommentTimer(criterionId: string): void {
    clearTimeout(this.commentTimers.get(criterionId));
    this.commentTimers.delete(criterionId);
  }

  /** Sends the criterion's draft; one write per criterion at a time, the latest draft last. */
  private save(criterionId: string): Promise<void> {
    if (this.inFlight.has(criterionId)) {
      this.dirty.add(criterionId);
      return this.settled.get(criterionId) ?? Promise.resolve();
    }
    const draft = this.drafts.get(criterionId);
    if (!draft?.levelId) return Promise.resolve();
    this.inFlight.add(criterionId);
    this.saveStatus = { kind: 'saving' };
    const sending = (async () => {
      try {
        await api.put('/runs/{runId}/teams/{teamId}/marks/{criterionId}', {
          params: { path: { runId: this.runId, teamId: this.teamId, criterionId } },
          body: { levelId: draft.levelId, comment: draft.comment },
        });
        if (!this.dirty.has(criterionId)) this.saveStatus = { kind: 'saved' };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (redirectIfSignInNeeded(this, error)) return;
        this.dirty.delete(criterionId);
        this.saveStatus = { kind: 'failed', message: error.details[0]?.message ?? error.message };
        // A lost connection is retried; a refusal (locked, not an assessor, bad level) is not.
        if (error.status === 0 && this.isConnected) {
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => void this.save(criterionId), retryMs);
        }
      } finally {
        this.inFlight.delete(criterionId);
        this.settled.delete(criterionId);
      }
      if (this.dirty.delete(criterionId)) await this.save(criterionId);
    })();
    this.settled.set(criterionId, sending);
    return sending;
  }

  private async finish(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    try {
      // Comments still waiting for their typing pause go first, so they are in the locked marks.
      for (const criterionId of [...this.commentTimers.keys()]) this.flushComment(criterionId);
      await Promise.all([...this.settled.values()]);
      await api.post('/runs/{runId}/teams/{teamId}/marking/finish', { params: { path: { runId: this.runId, teamId: this.teamId } } });
      this.refreshed = await fetchMarking(this.runId, this.teamId);
      this.errors = [];
      this.justFinished = true;
      this.saveStatus = { kind: 'idle' };
      await this.updateComplete;
      window.scrollTo(0, 0);
      this.renderRoot.querySelector('rh-page-layout')?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors =
        error.details.length > 0
          ? error.details.map((detail) => ({ fieldId: levelFieldId(detail.path.replace(/^criteria\./, '')), message: detail.message }))
          : [{ fieldId: 'finish', message: error.message }];
    } finally {
      this.finishing = false;
    }
  }

  /** An error summary link to a criterion not on screen opens that criterion, then focuses its first level. */
  private followErrorLink(event: Event): void {
    if (event.defaultPrevented) return;
    const anchor = event.composedPath().find((target): target is HTMLAnchorElement => target instanceof HTMLAnchorElement);
    const marking = this.marking();
    if (!anchor || !marking) return;
    const fieldId = decodeURIComponent(anchor.hash.slice(1));
    const index = marking.criteria.findIndex((criterion) => levelFieldId(criterion.id) === fieldId);
    if (index < 0) return;
    event.preventDefault();
    void this.goTo(index, fieldId);
  }

  private async goTo(index: number, focusFieldId?: string): Promise<void> {
    const marking = this.marking();
    if (!marking || index < 0 || index >= marking.criteria.length) return;
    for (const criterionId of [...this.commentTimers.keys()]) this.flushComment(criterionId);
    this.current = index;
    await this.updateComplete;
    await Promise.all([...this.renderRoot.querySelectorAll('rh-radios, rh-field, rh-button')].map((element) => (element as LitElement).updateComplete));
    if (focusFieldId && focusField(focusFieldId)) return;
    this.renderRoot.querySelector<HTMLElement>('#rubric-heading')?.focus();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const marking = this.marking();
    if (!marking) return;
    const action = markingKeyAction(event, isTextField(event.composedPath()[0]));
    if (!action) return;
    const index = this.current ?? 0;
    if (action.kind === 'next' || action.kind === 'previous') {
      const target = action.kind === 'next' ? index + 1 : index - 1;
      if (target < 0 || target >= marking.criteria.length) return;
      event.preventDefault();
      void this.goTo(target);
      return;
    }
    const criterion = marking.criteria[index];
    if (!criterion) return;
    event.preventDefault();
    if (criterion.kind === 'automatic') {
      this.saveStatus = { kind: 'failed', message: 'this criterion is scored automatically, so there is no level to choose' };
      return;
    }
    if (!this.canEdit(marking)) {
      this.saveStatus = { kind: 'failed', message: marking.completion.canMark ? 'your marks for this team are locked' : 'you are not an assessor on this run' };
      return;
    }
    const level = criterion.levels[action.index];
    if (!level) return;
    this.chooseLevel(criterion, level.id);
  };
}

function fetchMarking(runId: string, teamId: string, signal?: AbortSignal): Promise<TeamMarking> {
  return api.get('/runs/{runId}/teams/{teamId}/marking', { params: { path: { runId, teamId } }, signal });
}

/**
 * The criterion an assessor starts on: the first judgement criterion without my mark, else the
 * first judgement criterion (where marks are compared), else the first criterion.
 */
function firstToMark(marking: TeamMarking): number {
  const unmarked = marking.criteria.findIndex((criterion) => criterion.kind === 'judgement' && !criterion.mine);
  if (unmarked >= 0) return unmarked;
  return Math.max(0, marking.criteria.findIndex((criterion) => criterion.kind === 'judgement'));
}

function pointsText(points: number): string {
  return `${points} ${points === 1 ? 'point' : 'points'}`;
}

function levelText(criterion: Criterion, levelId: string): string {
  const level = criterion.levels.find((candidate) => candidate.id === levelId);
  return level ? `${level.label} (${pointsText(level.points)})` : levelId;
}

function saveStatusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'failed':
      return `Not saved: ${status.message}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-marking-page': RhTeamMarkingPage;
  }
}
