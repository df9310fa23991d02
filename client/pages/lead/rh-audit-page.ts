import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import { LoadTask } from '../../controllers/load-task.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles } from '../../styles/shared.js';
import { fetchAllRuns } from '../../all-runs.js';

type AuditLog = ApiData<'/audit', 'get'>;

interface AuditFilter {
  readonly runId: string;
  readonly action: string;
}

/** Which page: the newest, the one older than an entry, or the one newer than an entry. */
type AuditCursor = { readonly before: number } | { readonly after: number } | undefined;

/** Entries on a page: enough to scan a day's run, few enough to read. */
export const auditPageSize = 50;

/** One page of the log for the filter, newest first. */
function fetchAuditPage(filter: AuditFilter, cursor: AuditCursor, signal?: AbortSignal): Promise<AuditLog> {
  const query = { limit: auditPageSize, ...(filter.runId ? { runId: filter.runId } : {}), ...(filter.action ? { action: filter.action } : {}), ...cursor };
  return api.get('/audit', { params: { query }, signal });
}

/** The audit log's actions in words, in the order a day produces them. */
const actionLabels: Record<string, string> = {
  'run.transition': 'Run state changed',
  'release.manual': 'Released by a facilitator',
  'release.time': 'Released automatically (timed)',
  'release.decision': 'Released automatically (decision)',
  'release.not-done-by': 'Released (not done in time)',
  'clock.pause': 'Exercise paused',
  'clock.resume': 'Exercise resumed',
  'clock.earlier': 'Timed inject moved earlier',
  'clock.later': 'Timed inject moved later',
  'clock.now': 'Timed inject released now',
  'clock.skip': 'Timed inject skipped',
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
 * moderation, newest first, filtered by run and by action, a page at a time with "Newer entries" and
 * "Older entries". Each entry names the run, the people and what it is about in words.
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
      .pager {
        display: flex;
        flex-wrap: wrap;
        gap: var(--rh-space-4);
        align-items: center;
        margin-bottom: var(--rh-space-4);
      }

      .pager p {
        margin: 0;
      }
    `,
  ];

  private readonly runs = new LoadTask(this, { args: () => [], load: (_args, signal) => fetchAllRuns(signal), staff: true });
  /** The page for the filter and cursor; each "Show entries" sets a new filter object, so it asks again even for the same choices. */
  private readonly page = new LoadTask(this, {
    args: () => [this.filter, this.cursor] as const,
    load: ([filter, cursor], signal) => fetchAuditPage(filter, cursor, signal),
    staff: true,
  });

  @state() private filter: AuditFilter = { runId: '', action: '' };
  @state() private cursor: AuditCursor = undefined;

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
    const state = this.page.state;
    return state.status === 'failed' ? state.error.message : '';
  }

  private renderEntries() {
    // While another page loads, the entries of the last one stay on screen.
    const page = this.page.value;
    if (!page) return this.page.state.status === 'pending' ? html`<p>Loading the audit log…</p>` : '';
    if (page.entries.length === 0) return html`<p>No entries match.</p>`;
    const showRun = !this.filter.runId;
    return html`
      ${this.renderPager(page, 'top')}
      <!-- The table is wider than small screens; keyboard users scroll it once it has focus. -->
      <div class="table-scroll" tabindex="0" role="region" aria-label="Audit entries">
        <table>
          <caption>Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              ${showRun ? html`<th scope="col">Run</th>` : ''}
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            ${page.entries.map(
              (entry) => html`<tr>
                <td><time datetime=${entry.occurredAt}>${timeFormat.format(new Date(entry.occurredAt))}</time></td>
                ${showRun ? html`<td>${entry.runTitle ?? ''}</td>` : ''}
                <td>${entry.actor}</td>
                <td>${actionLabels[entry.action] ?? entry.action}</td>
                <td>${entry.subjectText}</td>
                <td>${entry.beforeText}</td>
                <td>${entry.afterText}</td>
                <td>${entry.reason ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.renderPager(page, 'bottom')}
    `;
  }

  private renderPager(page: AuditLog, where: 'top' | 'bottom') {
    const { newerAfter, nextBefore } = page;
    if (newerAfter === null && nextBefore === null) return '';
    const busy = this.page.state.status === 'pending';
    return html`<nav class="pager" aria-label=${where === 'top' ? 'Audit pages' : 'Audit pages (below the entries)'}>
      ${newerAfter !== null
        ? html`<rh-button type="button" variant="secondary" ?disabled=${busy} @click=${() => this.go({ after: newerAfter })}>Newer entries</rh-button>`
        : ''}
      ${nextBefore !== null
        ? html`<rh-button type="button" variant="secondary" ?disabled=${busy} @click=${() => this.go({ before: nextBefore })}>Older entries</rh-button>`
        : ''}
      ${where === 'top' ? html`<p>${newerAfter === null ? 'The newest entries' : 'Older entries'}, ${page.entries.length} on this page.</p>` : ''}
    </nav>`;
  }

  private go(cursor: AuditCursor): void {
    this.cursor = cursor;
  }

  private applyFilter(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.filter = { runId: String(form.get('runId') ?? ''), action: String(form.get('action') ?? '') };
    this.cursor = undefined;
  }
}

const actionOptions = [{ value: '', label: 'Everything' }, ...Object.entries(actionLabels).map(([value, label]) => ({ value, label }))];

declare global {
  interface HTMLElementTagNameMap {
    'rh-audit-page': RhAuditPage;
  }
}
