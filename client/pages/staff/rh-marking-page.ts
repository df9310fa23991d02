import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-tag.js';
import type { TagColour } from '../../components/rh-tag.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { whenLoaded } from '../../loading.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type RunDetail = ApiData<'/runs/{runId}', 'get'>;
type MyTeamMarking = ApiData<'/runs/{runId}/marking', 'get'>['teams'][number];
type MyStatus = MyTeamMarking['mine'];

const statusLabels: Record<MyStatus, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', finished: 'Finished' };
const statusColours: Record<MyStatus, TagColour> = { 'not-started': 'grey', 'in-progress': 'light-blue', finished: 'green' };

interface TeamRow {
  readonly team: RunDetail['teams'][number];
  readonly marking: MyTeamMarking;
}

interface MarkingOverview {
  readonly run: RunDetail;
  readonly rows: TeamRow[];
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

  private readonly loaded = new LoadTask(this, { args: () => [this.runId] as const, load: ([runId], signal) => loadOverview(runId, signal), staff: true });
  private readonly documentTitle = new PageTitleController(this, () => {
    const overview = this.loaded.completed;
    return { title: overview && `Mark teams: ${overview.run.cohortLabel}` };
  });

  override render() {
    const back = { href: `/runs/${encodeURIComponent(this.runId)}`, label: 'Back to the run' };
    return whenLoaded(this.loaded.state, { heading: 'Mark teams', loading: 'Loading the teams…', back }, (overview) => this.renderOverview(overview, back.href));
  }

  private renderOverview({ run, rows }: MarkingOverview, back: string) {
    const canMark = rows.some((row) => row.marking.canMark);
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
      <div class="table-scroll" tabindex="0" role="region" aria-label="Teams and your marking">
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
                <td>
                  ${marking.canMark ? html`<rh-tag colour=${statusColours[marking.mine]}>${statusLabels[marking.mine]}</rh-tag>` : 'Not your team to mark'}
                </td>
                ${double ? html`<td>${marking.finished} of ${marking.required}</td>` : nothing}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

}

/** The run and where my marking of every team stands: two requests, whatever the number of teams. */
async function loadOverview(runId: string, signal: AbortSignal): Promise<MarkingOverview> {
  const [run, marking] = await Promise.all([
    api.get('/runs/{runId}', { params: { path: { runId } }, signal }),
    api.get('/runs/{runId}/marking', { params: { path: { runId } }, signal }),
  ]);
  const mine = new Map(marking.teams.map((team) => [team.id, team]));
  const rows = run.teams.flatMap((team) => {
    const row = mine.get(team.id);
    return row ? [{ team, marking: row }] : [];
  });
  return { run, rows };
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-marking-page': RhMarkingPage;
  }
}
