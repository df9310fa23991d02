import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api } from '../api/client.js';
import type { ApiData } from '../api/client.js';
import '../components/rh-inset-text.js';
import '../components/rh-page-layout.js';
import '../components/rh-summary-list.js';
import type { SummaryRow } from '../components/rh-summary-list.js';
import { LoadTask } from '../controllers/load-task.js';
import { focusStyles, linkStyles, typographyStyles } from '../styles/shared.js';

const engineNames: Record<ApiData<'/health', 'get'>['engine'], string> = {
  postgres: 'PostgreSQL',
  embedded: 'Embedded PostgreSQL (PGlite)',
};

/**
 * The start page: what Rehearse is for, where each kind of user begins, and whether the service
 * and its database are answering.
 */
@customElement('rh-home-page')
export class RhHomePage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  private readonly health = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/health', { signal }) });

  override render() {
    return html`
      <rh-page-layout heading="Practise public protection decisions">
        <p class="lead">
          Rehearse runs training exercises for police public protection units. Teams work through a fictional case,
          complete a practice risk assessment and keep a decision log. Assessors mark the work and lead the debrief.
        </p>
        <rh-inset-text>Rehearse is for training only. Do not enter information about real people or real cases.</rh-inset-text>

        <h2>Get started</h2>
        <ul>
          <li><a href="/join">Join an exercise as a team</a> – you need the joining code from your facilitator</li>
          <li><a href="/sign-in">Sign in as an assessor or L&amp;D lead</a></li>
        </ul>

        <h2>System status</h2>
        ${this.renderStatus()}
      </rh-page-layout>
    `;
  }

  private renderStatus() {
    const state = this.health.state;
    if (state.status === 'pending') return html`<p>Checking the service…</p>`;
    const rows: SummaryRow[] =
      state.status === 'complete'
        ? [
            { key: 'Service', value: 'Running' },
            { key: 'Database', value: state.value.database === 'ok' ? 'Connected' : 'Not connected' },
            { key: 'Database engine', value: engineNames[state.value.engine] },
          ]
        : [{ key: 'Service', value: state.error.message }];
    return html`<rh-summary-list .rows=${rows}></rh-summary-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-home-page': RhHomePage;
  }
}
