import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiData } from '../api/client.js';
import type { ConsoleTeam } from '../../server/console/schema.js';
import { tableStyles, typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
import { formatClockTime } from './rh-relative-time.js';

/** One release, as GET /runs/:runId/releases lists it (the route's own type, from the generated client types). */
export type ReleaseLogEntry = ApiData<'/runs/{runId}/releases', 'get'>['releases'][number];

/** How a release happened, in words: "Manual, by Sam Lee", "Automatic: timed", "Automatic: decision". */
export function describeHow(entry: ReleaseLogEntry): string {
  if (entry.trigger === 'time') return 'Automatic: timed';
  if (entry.trigger === 'decision') return 'Automatic: decision';
  if (entry.trigger === 'meeting') return 'Automatic: meeting closed';
  return entry.releasedBy ? `Manual, by ${entry.releasedBy}` : 'Manual';
}

/**
 * The release log: every inject and micro-teach released in the run, newest first, with when, to
 * which team, how (by whom, or which automatic trigger), why, and whether the team has read it.
 *
 * @prop releases - the run's releases
 * @prop teams - the console's teams, for their names
 */
@customElement('rh-release-log')
export class RhReleaseLog extends LitElement {
  static override styles = [
    typographyStyles,
    tableStyles,
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
      }

      .table-scroll:focus-visible {
        outline: var(--rh-focus-width) solid var(--rh-colour-focus);
        outline-offset: 2px;
      }

      .kind {
        display: block;
        color: var(--rh-colour-secondary-text);
      }
    `,
  ];

  @property({ attribute: false }) releases: readonly ReleaseLogEntry[] = [];
  @property({ attribute: false }) teams: readonly ConsoleTeam[] = [];

  override render() {
    if (this.releases.length === 0) return html`<p>Nothing has been released yet.</p>`;
    const newestFirst = [...this.releases].sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="log-caption">
        <table>
          <caption id="log-caption" class="visually-hidden">Releases, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Team</th>
              <th scope="col">What</th>
              <th scope="col">How</th>
              <th scope="col">Reason</th>
              <th scope="col">Read by the team</th>
            </tr>
          </thead>
          <tbody>
            ${newestFirst.map(
              (entry) => html`<tr>
                <td><time datetime=${entry.releasedAt}>${formatClockTime(entry.releasedAt)}</time></td>
                <td>${this.teams.find((team) => team.id === entry.teamId)?.name ?? 'A team no longer in the run'}</td>
                <td>${entry.title}<span class="kind">${entry.kind === 'inject' ? 'Inject' : 'Micro-teach'}</span></td>
                <td>${describeHow(entry)}</td>
                <td>${entry.reason ?? html`<span class="visually-hidden">None given</span>`}</td>
                <td>${entry.readAt ? 'Yes' : 'No'}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-release-log': RhReleaseLog;
  }
}
