import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

const clockTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "10:42", in the browser's time zone. */
export function formatClockTime(iso: string): string {
  return clockTime.format(new Date(iso));
}

/** "just now", "1 minute ago", "3 hours ago": how long before `now` the moment `iso` was. */
export function describeTimeAgo(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

const tickMs = 30_000;

/**
 * How long ago something happened ("2 minutes ago"), followed by the clock time in a `<time>`
 * element carrying the exact moment. The words refresh every 30 seconds; the element is never a live
 * region, so screen readers are not interrupted as it changes.
 *
 * @attr datetime - the moment, as an ISO 8601 date-time
 */
@customElement('rh-relative-time')
export class RhRelativeTime extends LitElement {
  static override styles = css`
    .exact {
      color: var(--rh-colour-secondary-text);
      white-space: nowrap;
    }
  `;

  @property() datetime = '';
  @state() private now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), tickMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  override render() {
    if (!this.datetime) return nothing;
    return html`<span>${describeTimeAgo(this.datetime, this.now)}</span>
      <span class="exact">(at <time datetime=${this.datetime}>${formatClockTime(this.datetime)}</time>)</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-relative-time': RhRelativeTime;
  }
}
