import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A plain horizontal bar showing a percentage, beside its text equivalent ("67%"). The bar itself
 * is decorative (hidden from assistive technology; its width comes from a custom property set through the
 * CSSOM, which the content security policy allows where a style attribute would not be); the number is what is read and printed, so
 * nothing depends on seeing the bar or its colour.
 *
 * @attr percent - 0 to 100; values outside are clamped
 * @attr label - optional words read instead of the bare number, e.g. "67% of the points"
 */
@customElement('rh-score-bar')
export class RhScoreBar extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: var(--rh-space-3);
      min-width: 10rem;
    }

    .track {
      flex: 1;
      height: 1rem;
      min-width: 5rem;
      border: 1px solid var(--rh-colour-text);
      background-color: var(--rh-colour-background);
    }

    .fill {
      display: block;
      width: calc(var(--rh-score-bar-percent, 0) * 1%);
      height: 100%;
      background-color: var(--rh-colour-text);
    }

    .value {
      min-width: 3.5em;
      font-weight: var(--rh-font-weight-bold);
      text-align: right;
    }

    @media print {
      .track,
      .fill {
        print-color-adjust: exact;
        -webkit-print-color-adjust: exact;
      }
    }
  `;

  @property({ type: Number }) percent = 0;
  @property() label = '';

  override willUpdate(): void {
    const clamped = Math.min(100, Math.max(0, Number.isFinite(this.percent) ? this.percent : 0));
    this.style.setProperty('--rh-score-bar-percent', String(clamped));
  }

  override render() {
    return html`<span class="track" aria-hidden="true"><span class="fill"></span></span
      ><span class="value">${this.label || `${this.percent}%`}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-score-bar': RhScoreBar;
  }
}
