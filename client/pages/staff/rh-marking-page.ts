import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TeamMarking } from '../../../server/marking/schema.js';
import type { RunDetail } from '../../../server/runs/schema.js';
import { ApiError, apiGet } from '../../api.js';
import { loadForStaff } from '../../auth-redirects.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-tag.js';
import type { TagColour } from '../../components/rh-tag.js';
import { LoadController } from '../../controllers/load-controller.js';
import { setDocumentTitle } from '../../form-errors.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type MyStatus = 'not-started' | 'in-progress' | 'finished';

const statusLabels: Record<MyStatus, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', finished: 'Finished' };
const statusColours: Record<MyStatus, TagColour> = { 'not-started': 'grey', 'in-progress': 'light-blue', finished: 'green' };

interface TeamRow {
  readonly team: RunDetail['teams'][number];
  /** The team's marking, or why it could not be read. */
  readonly marking: TeamMarking | ApiError;
}

interface MarkingOverview {
  readonly run: RunDetail;
  readonly rows: TeamRow[];
}

export function myMarkingStatus(marking: TeamMarking): MyStatus {
  if (marking.completion.mine) return 'finished';
  return marking.criteria.some((criterion) => criterion.mine !== null) ? 'in-progress' : 'not-started';
}

/** What double marking means for a run, in one sentence. */
export function doubleMarkingText(assessorsPerTeam: number): string {
  if (assessorsPerTeam < 2) return 'Each team is marked by 1 assessor.';
  const everyone = assessorsPerTeam === 2 ? 'both' : `all ${assessorsPerTeam}`;
  return `Marked by ${assessorsPerTeam} assessors; marks are hidden from each other until ${everyone} have finished.`;
}

/**
 * The teams of a run to mark, each with my marking status (Not started, In progress, Finished)
 * and a link to its marking screen, and whether double marking applies.
 *
 * @attr run-id - the run's id, from the address
 */
@customElement('rh-marking-page')
export class RhMarkingPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles, tableStyles, visuallyHiddenStyles];

  @property({ attribute: 'run-id' }) runId = '';

  private readonly loaded = new LoadController(this, loadForStaff(this, () => this.load()));
  private titleShown = '';

  override updated(): void {
    const state = this.loaded.state;
    if (state.status !== 'loaded') return;
    const title = `Mark teams: ${state.value.run.cohortLabel}`;
    if (title !== this.titleShown) {
      this.titleShown = title;
      setDocumentTitle(title);
    }
  }

  override render() {
    const back = `/runs/${encodeURIComponent(this.runId)}`;
    const state = this.loaded.state;
    if (state.status === 'loading') return html`<rh-page-layout heading="Mark teams"><p>Loading the teams…</p></rh-page-layout>`;
    if (state.status === 'failed') {
      return html`<rh-page-layout heading="Mark teams" back-href=${back} back-label="Back to the run"><p>${state.error.message}</p></rh-page-layout>`;
    }
    const { run, rows } = state.value;
    const canMark = rows.some((row) => !(row.marking instanceof ApiError) && row.marking.completion.canMark);
    return html`
      <rh-page-layout heading="Mark teams" caption=${run.cohortLabel} back-href=${back} back-label="Back to the run">
        <p>${doubleMarkingText(run.assessorsPerTeam)}</p>
        ${canMark
          ? nothing
          : html`<rh-inset-text>You are not one of this run’s assessors, so you can read each team’s work but not mark it.</rh-inset-text>`}
        ${run.teams.length === 0 ? html`<p>This run has no teams.</p>` : this.renderTable(run, rows)}
      </rh-page-layout>
    `;
  }

  private renderTable(run: RunDetail, rows: TeamRow[]) {
    const double = run.assessorsPerTeam > 1;
    return html`
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Teams and your marking</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Scenario</th>
              <th scope="col">Your marking</th>
              ${double ? html`<th scope="col">Assessors finished</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              ({ team, marking }) => html`<tr>
                <th scope="row">
                  <a href=${`/runs/${encodeURIComponent(run.id)}/teams/${encodeURIComponent(team.id)}/marking`}>${team.name}</a>
                </th>
                <td>${team.scenarioTitle}</td>
                ${marking instanceof ApiError
                  ? html`<td colspan=${double ? 2 : 1}>${marking.message}</td>`
                  : html`<td>
                        ${marking.completion.canMark
                          ? html`<rh-tag colour=${statusColours[myMarkingStatus(marking)]}>${statusLabels[myMarkingStatus(marking)]}</rh-tag>`
                          : 'Not your team to mark'}
                      </td>
                      ${double ? html`<td>${marking.completion.finished} of ${marking.completion.required}</td>` : nothing}`}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private async load(): Promise<MarkingOverview> {
    const run = await apiGet<RunDetail>(`/runs/${encodeURIComponent(this.runId)}`);
    const rows = await Promise.all(
      run.teams.map(async (team): Promise<TeamRow> => {
        try {
          return { team, marking: await apiGet<TeamMarking>(`/runs/${encodeURIComponent(run.id)}/teams/${encodeURIComponent(team.id)}/marking`) };
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          return { team, marking: error };
        }
      }),
    );
    return { run, rows };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-marking-page': RhMarkingPage;
  }
}
