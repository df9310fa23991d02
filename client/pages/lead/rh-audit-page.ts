import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-button.js';
import '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import { LoadTask } from '../../controllers/load-task.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles } from '../../styles/shared.js';

type AuditLog = ApiData<'/audit', 'get'>;

interface AuditFilter {
  readonly runId: string;
  readonly action: string;
}

/** One page of the log for the filter, newest first; `before` asks for the page older than an entry. */
function fetchAuditPage(filter: AuditFilter, before: number | undefined, signal?: AbortSignal): Promise<AuditLog> {
  const query = { limit: 100, ...(filter.runId ? { runId: filter.runId } : {}), ...(filter.action ? { action: filter.action } : {}), ...(before === undefined ? {} : { before }) };
  return api.get('/audit', { params: { query }, signal });
}

/** The audit log's actions in words, in the order a day produces them. */
const actionLabels: Record<string, string> = {
  'run.transition': 'Run state changed',
  'release.manual': 'Released by a facilitator',
  'release.time': 'Released automatically (timed)',
  'release.decision': 'Released automatically (decision)',
  'work.submit': 'Team submitted its work',
  'work.reopen': "Team's work reopened",
  'mark.set': 'Mark given',
  'mark.change': 'Mark changed',
  'marking.finish': 'Assessor finished a team',
  moderation: 'Final mark set in moderation',
};

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/London' });

/**
 * The audit log for L&D leads: every transition, release, submission, reopening, mark and
 * moderation, newest first, filtered by run and by action, with older entries a page at a time.
 */
@customElement('rh-audit-page')
export class RhAuditPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--rh-space-4, 20px);
        align-items: flex-end;
      }
      code {
        font-family: ui-monospace, 'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace;
        font-size: 0.9em;
        overflow-wrap: anywhere;
      }
    `,
  ];

  private readonly runs = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/runs', { signal }), staff: true });
  /** The newest entries for the filter; each "Show entries" sets a new filter object, so it asks again even for the same choices. */
  private readonly newest = new LoadTask(this, {
    args: () => [this.filter] as const,
    load: ([filter], signal) => fetchAuditPage(filter, undefined, signal),
    staff: true,
  });

  @state() private filter: AuditFilter = { runId: '', action: '' };
  /** Older pages, fetched one at a time after the newest. */
  @state() private older: AuditLog[] = [];
  @state() private olderProblem = '';

  override render() {
    return html`
      <rh-page-layout heading="Audit log">
        <p>Every change of a run's state, release, submission, reopening, mark and moderation, newest first. Entries cannot be changed or deleted.</p>
        <form novalidate @submit=${this.applyFilter}>
          <rh-field field-id="runId" name="runId" label="Run" type="select" .options=${this.runOptions()} .value=${this.filter.runId}></rh-field>
          <rh-field field-id="action" name="action" label="What happened" type="select" .options=${actionOptions} .value=${this.filter.action}></rh-field>
          <rh-button variant="secondary">Show entries</rh-button>
        </form>
        ${this.problem() ? html`<p role="alert">${this.problem()}</p>` : ''} ${this.renderEntries()}
      </rh-page-layout>
    `;
  }

  private runOptions() {
    const runs = this.runs.completed?.runs ?? [];
    return [{ value: '', label: 'All runs' }, ...runs.map((run) => ({ value: run.id, label: `${run.cohortLabel} (${run.exerciseDate})` }))];
  }

  private problem(): string {
    const state = this.newest.state;
    return state.status === 'failed' ? state.error.message : this.olderProblem;
  }

  private renderEntries() {
    // While a new filter loads, the entries of the last one stay on screen.
    const pages = [...(this.newest.value ? [this.newest.value] : []), ...this.older];
    const entries = pages.flatMap((page) => page.entries);
    const nextBefore = pages.at(-1)?.nextBefore ?? null;
    if (this.newest.state.status === 'pending' && entries.length === 0) return html`<p>Loading the audit log…</p>`;
    if (entries.length === 0) return html`<p>No entries match.</p>`;
    return html`
      <!-- The table is wider than small screens; keyboard users scroll it once it has focus. -->
      <div class="table-scroll" tabindex="0" role="region" aria-label="Audit entries">
        <table>
          <caption>Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (entry) => html`<tr>
                <td><time datetime=${entry.occurredAt}>${timeFormat.format(new Date(entry.occurredAt))}</time></td>
                <td>${entry.actor}</td>
                <td>${actionLabels[entry.action] ?? entry.action}</td>
                <td><code>${entry.subject}</code></td>
                <td>${describeValue(entry.before)}</td>
                <td>${describeValue(entry.after)}</td>
                <td>${entry.reason ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${nextBefore !== null
        ? html`<rh-button type="button" variant="secondary" @click=${() => this.loadOlder(nextBefore)}>Show older entries</rh-button>`
        : ''}
    `;
  }

  private applyFilter(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.filter = { runId: String(form.get('runId') ?? ''), action: String(form.get('action') ?? '') };
    this.older = [];
    this.olderProblem = '';
  }

  private async loadOlder(before: number): Promise<void> {
    this.olderProblem = '';
    try {
      this.older = [...this.older, await fetchAuditPage(this.filter, before)];
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.olderProblem = error.message;
    }
  }
}

const actionOptions = [{ value: '', label: 'Everything' }, ...Object.entries(actionLabels).map(([value, label]) => ({ value, label }))];

/** A before/after value in a line: "state: live", "level: strong, points: 4", or nothing. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, entry]) => `${key}: ${typeof entry === 'string' || typeof entry === 'number' ? entry : JSON.stringify(entry)}`)
    .join(', ');
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-audit-page': RhAuditPage;
  }
}
