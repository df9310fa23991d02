import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import '../../components/rh-button.js';
import { LoadTask } from '../../controllers/load-task.js';
import { whenPartLoaded } from '../../loading.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

type LrsStatus = ApiData<'/runs/{runId}/review/lrs', 'get'>;
type Delivery = LrsStatus['deliveries'][number];

const time = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/**
 * Where the run's statements stand with the force's learning record store: the last delivery (sent,
 * being retried, failed and why), and a button to send them again, which is safe to press because
 * every statement keeps its id and the store keeps one of each. Shows nothing when no store is
 * configured. Screen only: the printed review leaves it out.
 *
 * @attr run-id - the run
 * @attr final - present when the marks are final (sending is refused otherwise)
 */
@customElement('rh-lrs-delivery')
export class RhLrsDelivery extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  @property({ attribute: 'run-id' }) runId = '';
  @property({ type: Boolean }) final = false;
  @state() private message = '';

  private readonly status = new LoadTask(this, {
    args: () => [this.runId] as const,
    load: ([runId], signal) => api.get('/runs/{runId}/review/lrs', { params: { path: { runId } }, signal }),
    staff: true,
  });

  override render() {
    return whenPartLoaded(this.status.state, 'Loading the learning record store…', (status) => (status.configured ? this.renderStatus(status) : nothing));
  }

  private renderStatus(status: LrsStatus) {
    const [latest] = status.deliveries;
    return html`<h2>Learning record store</h2>
      <p>${latest ? describe(latest) : this.final ? 'Not sent yet.' : 'The statements are sent once the marks are final and results are released.'}</p>
      ${this.final ? html`<rh-button type="button" variant="secondary" @click=${this.sendAgain}>Send to the LRS again</rh-button>` : nothing}
      <p role="status">${this.message}</p>`;
  }

  private async sendAgain() {
    try {
      await api.post('/runs/{runId}/review/lrs', { params: { path: { runId: this.runId } } });
      this.message = 'Queued: the statements will be sent again, with the same ids.';
      this.status.run();
    } catch (error) {
      this.message = error instanceof ApiError ? error.message : 'The statements could not be queued. Try again.';
    }
  }
}

function describe(delivery: Delivery): string {
  const total = delivery.statementsTotal ?? 0;
  switch (delivery.state) {
    case 'sent':
      return `Sent: ${total} ${total === 1 ? 'statement' : 'statements'}, accepted on ${time.format(new Date(delivery.finishedAt ?? delivery.requestedAt))}.`;
    case 'queued':
      return 'Queued to send.';
    case 'retrying':
      return `Being retried: ${delivery.statementsSent} of ${total} accepted so far, after ${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}. Last error: ${delivery.lastError ?? 'none'}.`;
    case 'failed':
      return `Not sent: ${delivery.lastError ?? 'the store kept refusing'}. ${delivery.statementsSent} of ${total} were accepted. Send again once the store is working.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-lrs-delivery': RhLrsDelivery;
  }
}
