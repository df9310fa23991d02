import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { formatIsoDate } from '../../format.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { whenPartLoaded } from '../../loading.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';
import { reviewStyles, tableRegion } from './review-parts.js';

type Item = ApiData<'/review/improvements', 'get'>['items'][number];
type Comparison = ApiData<'/review/compare', 'get'>;
type Status = Item['status'];

const statusLabels: Record<Status, string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done', dropped: 'Dropped' };

/**
 * The improvement plan of a pack family, edited by the lead: what will change for next year, who
 * owns it, by when, and its status. With `open-only` it is read-only and lists open items, as the
 * new-run page shows them when a lead creates the next run of the pack.
 *
 * Given the year-over-year comparison, each item tied to an objective and a run says how that
 * objective moved from that run to the latest one ("1 of 3 teams met it then, 2 of 3 now"), so the
 * next year's review shows whether the action helped, in counts.
 *
 * @attr pack-id - the pack family
 * @attr open-only - list open and in-progress items only, without editing
 * @attr what - the new item's starting text
 * @attr source-run-id - the new item's starting run
 * @prop comparison - the year-over-year comparison of the pack family, when the page has it
 */
@customElement('rh-improvement-plan')
export class RhImprovementPlan extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    visuallyHiddenStyles,
    reviewStyles,
    css`
      :host {
        display: block;
      }

      select {
        min-height: 2.5rem;
        border: 2px solid var(--rh-colour-input-border);
        font: inherit;
      }
    `,
  ];

  @property({ attribute: 'pack-id' }) packId = '';
  @property({ type: Boolean, attribute: 'open-only' }) openOnly = false;
  @property({ attribute: false }) comparison: Comparison | null = null;
  /** Starting values of the new item, e.g. an after-action report's suggested action and its run. */
  @property() what = '';
  @property({ attribute: 'source-run-id' }) sourceRunId = '';
  @state() private errors: FieldError[] = [];
  @state() private saved = '';

  private readonly items = new LoadTask(this, {
    args: () => [this.packId, this.openOnly] as const,
    load: ([packId, openOnly], signal) => api.get('/review/improvements', { params: { query: { packId, openOnly: openOnly ? 'true' : 'false' } }, signal }),
    staff: true,
  });

  override render() {
    return whenPartLoaded(this.items.state, 'Loading the improvement plan…', ({ items }) => (this.openOnly ? this.renderOpen(items) : this.renderPlan(items)));
  }

  private renderOpen(items: readonly Item[]) {
    if (items.length === 0) return nothing;
    return html`<h2>Open improvement items for this pack</h2>
      <p>From last time's review. <a href=${`/review/compare?packId=${encodeURIComponent(this.packId)}#plan`}>Edit the improvement plan</a></p>
      <ul>
        ${items.map((item) => html`<li>${item.what} (${item.owner}${item.dueDate ? `, due ${formatIsoDate(item.dueDate)}` : ''}, ${statusLabels[item.status]})</li>`)}
      </ul>`;
  }

  private renderPlan(items: readonly Item[]) {
    return html`
      <h2 id="plan">Improvement plan</h2>
      <p>What will change before the next run of this pack. Next year's comparison shows whether the objective moved.</p>
      <p role="status">${this.saved}</p>
      ${items.length === 0
        ? html`<p>No items yet.</p>`
        : tableRegion(
            'Improvement plan table',
            html`<table>
              <caption class="visually-hidden">Improvement plan items</caption>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Objective since</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (item) => html`<tr>
                    <th scope="row">${item.what}</th>
                    <td>${item.owner}</td>
                    <td>${item.dueDate ? formatIsoDate(item.dueDate) : 'No date'}</td>
                    <td>${this.movement(item)}</td>
                    <td>
                      <label class="visually-hidden" for=${`status-${item.id}`}>Status of ${item.what}</label>
                      <select id=${`status-${item.id}`} .value=${item.status} @change=${(event: Event) => this.changeStatus(item, (event.target as HTMLSelectElement).value as Status)}>
                        ${Object.entries(statusLabels).map(([value, label]) => html`<option value=${value} ?selected=${value === item.status}>${label}</option>`)}
                      </select>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`,
          )}
      <h3>Add an item</h3>
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      <form novalidate @submit=${this.add}>
        <rh-field field-id="what" name="what" label="What will change" .value=${this.what} .error=${errorFor(this.errors, 'what')}></rh-field>
        <rh-field field-id="owner" name="owner" label="Owner" hint="A role or a name" .error=${errorFor(this.errors, 'owner')}></rh-field>
        <rh-field field-id="dueDate" name="dueDate" type="date" label="Due date (optional)" .error=${errorFor(this.errors, 'dueDate')}></rh-field>
        ${this.comparison
          ? html`<rh-field
                field-id="objectiveId"
                name="objectiveId"
                type="select"
                label="Objective it targets (optional)"
                .options=${[{ value: '', label: 'None' }, ...this.comparison.objectives.map((objective) => ({ value: objective.id, label: objective.text }))]}
              ></rh-field>
              <rh-field
                field-id="sourceRunId"
                name="sourceRunId"
                type="select"
                label="Run it comes from (optional)"
                .value=${this.sourceRunId}
                .options=${[{ value: '', label: 'None' }, ...this.comparison.runs.map((run) => ({ value: run.id, label: `${run.cohortLabel} (${formatIsoDate(run.exerciseDate)})` }))]}
              ></rh-field>`
          : nothing}
        <rh-button>Add to the plan</rh-button>
      </form>
    `;
  }

  /** How the targeted objective moved from the item's run to the latest run, in counts. */
  private movement(item: Item) {
    const comparison = this.comparison;
    if (!comparison || !item.objectiveId || !item.sourceRunId) return 'Not tied to an objective and run';
    const row = comparison.objectives.find((objective) => objective.id === item.objectiveId);
    const from = comparison.runs.findIndex((run) => run.id === item.sourceRunId);
    const latest = comparison.runs.length - 1;
    if (!row || from < 0) return 'Not in this comparison';
    if (from === latest) return 'No later run yet';
    const [then, now] = [row.cells[from]!, row.cells[latest]!];
    const changed = row.cells.slice(from + 1).some((cell) => cell.change !== 'same');
    return `${then.teamsMeeting} of ${then.teamsAssessed} teams met it then, ${now.teamsMeeting} of ${now.teamsAssessed} in ${comparison.runs[latest]!.cohortLabel}${changed ? ' (scored differently since)' : ''}`;
  }

  private async changeStatus(item: Item, status: Status) {
    try {
      await api.put('/review/improvements/{itemId}', {
        params: { path: { itemId: item.id } },
        body: { packId: item.packId, sourceRunId: item.sourceRunId, objectiveId: item.objectiveId, what: item.what, owner: item.owner, dueDate: item.dueDate, status },
      });
      this.saved = `Saved: "${item.what}" is ${statusLabels[status].toLowerCase()}.`;
      this.items.run();
    } catch (error) {
      this.saved = error instanceof ApiError ? error.message : 'The status could not be saved. Try again.';
    }
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const dueDate = String(data.get('dueDate') ?? '');
    try {
      await api.post('/review/improvements', {
        body: {
          packId: this.packId,
          what: String(data.get('what') ?? ''),
          owner: String(data.get('owner') ?? ''),
          dueDate: dueDate === '' ? null : dueDate,
          objectiveId: String(data.get('objectiveId') ?? '') || null,
          sourceRunId: String(data.get('sourceRunId') ?? '') || null,
        },
      });
      this.errors = [];
      this.saved = 'Added to the plan.';
      form.reset();
      this.items.run();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The error summary takes focus when it is given errors.
      this.errors = fieldErrorsFrom(error, 'what');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-improvement-plan': RhImprovementPlan;
  }
}
