import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import type { ChoiceOption, FieldError } from '../../components/form-parts.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { formatIsoDate } from '../../format.js';
import { requestNavigation } from '../../navigation.js';
import { setTeamSession } from '../../session-store.js';
import { deepQuerySelector } from '../../shadow-dom.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

const codeTitle = 'Join an exercise';
const teamTitle = 'Which team are you in?';

type JoinableRun = ApiData<'/join/lookup', 'post'>;

/**
 * How a team joins a run, one question at a time: first the join code the facilitator shows, then
 * which of the run's teams they are. Joining takes them to their exercise. No account is needed.
 */
@customElement('rh-join-page')
export class RhJoinPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      .change {
        margin-bottom: var(--rh-space-6);
      }
    `,
  ];

  @state() private joinCode = '';
  @state() private run: JoinableRun | undefined;
  @state() private errors: FieldError[] = [];
  @state() private submitting = false;
  private readonly documentTitle = new PageTitleController(this, () => ({
    title: this.run ? teamTitle : codeTitle,
    hasErrors: this.errors.length > 0,
  }));

  override render() {
    return this.run ? this.renderTeamStep(this.run) : this.renderCodeStep();
  }

  private renderCodeStep() {
    return html`
      <rh-page-layout heading=${codeTitle}>
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        <form novalidate @submit=${this.findRun}>
          <rh-field
            field-id="joinCode"
            name="joinCode"
            label="Join code"
            hint="The code your facilitator shows, or your team’s own code from a team mate’s screen, like K7P2QM"
            autocomplete="off"
            .value=${this.joinCode}
            .error=${errorFor(this.errors, 'joinCode')}
          ></rh-field>
          <rh-button>Continue</rh-button>
        </form>
      </rh-page-layout>
    `;
  }

  private renderTeamStep(run: JoinableRun) {
    const options: ChoiceOption[] = run.teams.map((team) => ({ value: team.id, label: team.name }));
    return html`
      <rh-page-layout heading=${teamTitle} caption=${`${run.cohortLabel}, ${formatIsoDate(run.exerciseDate)}`}>
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        <form novalidate @submit=${this.join}>
          <rh-radios
            field-id="teamId"
            name="teamId"
            legend="Your team"
            hint=${run.team ? `This is ${run.team.name}’s own code.` : 'If someone has already joined your team, use your team’s own code instead: it is on their screen.'}
            .options=${options}
            .value=${run.team?.id ?? ''}
            .error=${errorFor(this.errors, 'teamId')}
          ></rh-radios>
          <rh-button>Join the exercise</rh-button>
        </form>
        <p class="change"><a href="/join" @click=${this.changeCode}>Use a different join code</a></p>
      </rh-page-layout>
    `;
  }

  private async findRun(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const joinCode = String(new FormData(event.target as HTMLFormElement).get('joinCode') ?? '').trim();
    this.joinCode = joinCode;
    if (joinCode === '') {
      this.errors = [{ fieldId: 'joinCode', message: 'Enter the join code' }];
      return;
    }
    this.submitting = true;
    try {
      const run = await api.post('/join/lookup', { body: { joinCode } });
      this.errors = [];
      this.run = run;
      await this.focusHeading();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.errors = fieldErrorsFrom(error, 'joinCode');
    } finally {
      this.submitting = false;
    }
  }

  private async join(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const teamId = String(new FormData(event.target as HTMLFormElement).get('teamId') ?? '');
    if (teamId === '') {
      this.errors = [{ fieldId: 'teamId', message: 'Choose your team' }];
      return;
    }
    this.submitting = true;
    try {
      const session = await api.post('/join', { body: { joinCode: this.joinCode, teamId } });
      setTeamSession(session);
      requestNavigation(this, '/team');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'join_code_not_found') {
        // The run closed to joining since the code was checked: start again from the code.
        this.run = undefined;
        await this.updateComplete;
        this.errors = [{ fieldId: 'joinCode', message: error.message }];
      } else {
        this.errors = fieldErrorsFrom(error, 'teamId');
      }
    } finally {
      this.submitting = false;
    }
  }

  private async changeCode(event: Event): Promise<void> {
    // Stays on this page: the router would otherwise treat the link as a new visit to it.
    event.preventDefault();
    this.run = undefined;
    this.errors = [];
    await this.focusHeading();
  }

  /** A new question replaces the old one (the title says so too): move focus to its heading. */
  private async focusHeading(): Promise<void> {
    await this.updateComplete;
    const layout = this.renderRoot.querySelector('rh-page-layout');
    await layout?.updateComplete;
    const heading = layout ? deepQuerySelector('h1', layout.shadowRoot ?? layout) : null;
    if (heading instanceof HTMLElement) heading.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-join-page': RhJoinPage;
  }
}
