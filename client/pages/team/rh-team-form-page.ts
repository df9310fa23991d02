import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { InstrumentResult } from '../../../server/packs/instrument-scoring.js';
import '../../components/rh-button-link.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-task-list.js';
import type { Task } from '../../components/rh-task-list.js';
import { saveStatusText } from '../../controllers/autosave-controller.js';
import { TeamWorkspaceController } from '../../controllers/team-workspace-controller.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';
import { sectionStatus, visibleItemsBySection } from './instrument-answers.js';
import type { TeamInstrument } from './instrument-answers.js';
import type { LiveTeam } from './team-frame.js';
import { caption, submittedNotice, teamAutosave, teamNav, whenLive } from './team-frame.js';

const title = 'Risk assessment';

/**
 * The practice instrument as a GOV.UK task list: one task per section, with its status worked out
 * from the answers to the section's visible required questions. The instrument's disclaimer sits
 * above it. When the pack lets teams see the band, the band the answers give and what drove it
 * follow the list.
 */
@customElement('rh-team-form-page')
export class RhTeamFormPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      .band {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-4);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-brand-accent);
      }

      .band-label {
        font-size: var(--rh-font-size-heading-l);
        font-weight: var(--rh-font-weight-bold);
      }

      .disclaimer {
        font-weight: var(--rh-font-weight-bold);
      }

      .contradictions {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-4);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-error);
      }

      .contradictions h2 {
        margin-top: 0;
      }
    `,
  ];

  private readonly team = new TeamWorkspaceController(this);
  private readonly autosave = teamAutosave(this, this.team);

  override render() {
    return whenLive(this.team, title, (live) => this.renderForm(live));
  }

  private renderForm(live: LiveTeam) {
    const instrument = live.scenario.instrument;
    const work = this.team.workspace.work;
    const outbox = this.autosave.outbox;
    const answers = outbox?.answers() ?? {};
    const visible = visibleItemsBySection(instrument, answers);
    const tasks: Task[] = instrument.sections.map((section) => ({
      id: `section-${section.id}`,
      title: section.title,
      href: `/team/form/${encodeURIComponent(section.id)}`,
      status: sectionStatus(visible.get(section.id) ?? [], answers),
      hint: section.description,
    }));
    const completed = tasks.filter((task) => task.status === 'completed').length;
    return html`
      ${teamNav(this.team, 'form')}
      <rh-page-layout heading=${title} caption=${caption(live)}>
        ${submittedNotice(work?.submittedAt)}
        ${instrument.disclaimer ? html`<rh-inset-text><p class="disclaimer">${instrument.disclaimer}</p></rh-inset-text>` : nothing}
        <h2>${instrument.title}</h2>
        <p>You have completed ${completed} of ${tasks.length} ${tasks.length === 1 ? 'section' : 'sections'}.</p>
        ${outbox ? html`<p role="status">${outbox.blocked || saveStatusText[outbox.status]}</p>` : nothing}
        ${this.renderContradictions(work?.contradictions ?? [])}
        <rh-task-list .tasks=${tasks}></rh-task-list>
        ${work?.instrument ? this.renderBand(work.instrument, instrument) : this.renderBandLater(instrument.bandShown)}
        <rh-button-link href="/team/check" variant="secondary">Check your answers and submit</rh-button-link>
      </rh-page-layout>
    `;
  }

  /** Answers that cannot both be true: said plainly until the team changes one. */
  private renderContradictions(contradictions: ReadonlyArray<{ id: string; message: string }>) {
    if (contradictions.length === 0) return nothing;
    return html`
      <section class="contradictions" aria-labelledby="contradictions-heading">
        <h2 id="contradictions-heading">${contradictions.length === 1 ? 'Two answers contradict each other' : 'Some answers contradict each other'}</h2>
        <ul>
          ${contradictions.map((contradiction) => html`<li>${contradiction.message}</li>`)}
        </ul>
        <p>The form is not complete until you resolve ${contradictions.length === 1 ? 'it' : 'them'}.</p>
      </section>
    `;
  }

  /** When the pack keeps the band back for now, say when the team will see it. */
  private renderBandLater(shown: TeamInstrument['bandShown']) {
    if (shown === 'when-complete') {
      return html`<p class="band-later">The band your answers give is shown here once every required question is answered.</p>`;
    }
    if (shown === 'after-results') {
      return html`<p class="band-later">The band your answers give is shown with your results, after the exercise.</p>`;
    }
    return nothing;
  }

  private renderBand(result: InstrumentResult, instrument: TeamInstrument) {
    const band = instrument.bands.find((candidate) => candidate.id === result.band.id) ?? result.band;
    return html`
      <section class="band" aria-labelledby="band-heading">
        <h2 id="band-heading">The band your answers give</h2>
        <p class="band-label">${band.label}</p>
        <p>${band.description}</p>
        ${result.complete
          ? nothing
          : html`<p>Some required questions are not answered yet, so the band may change.</p>`}
        <h3>What drove this band</h3>
        ${result.drivers.length === 0
          ? html`<p>No answer so far raises the band.</p>`
          : html`<ul>
              ${result.drivers.map((driver) =>
                driver.kind === 'item'
                  ? html`<li>${driver.factor}: ${driver.answer}</li>`
                  : html`<li>${driver.reason} (at least ${instrument.bands.find((b) => b.id === driver.atLeast)?.label ?? driver.atLeast})</li>`,
              )}
            </ul>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-form-page': RhTeamFormPage;
  }
}
