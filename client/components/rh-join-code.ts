import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { visuallyHiddenStyles } from '../styles/shared.js';

/**
 * A run's join code, large enough to read off a projected slide, in a typeface that tells similar
 * characters apart. Screen readers hear it one character at a time.
 *
 * @attr code - the join code, e.g. "K7P2QM"
 */
@customElement('rh-join-code')
export class RhJoinCode extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-6);
      }

      .join-code {
        display: inline-block;
        padding: var(--rh-space-2) var(--rh-space-4);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-text);
        font-family: ui-monospace, 'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace;
        font-size: 3rem;
        font-weight: var(--rh-font-weight-bold);
        letter-spacing: 0.2em;
        line-height: 1.2;
      }
    `,
  ];

  @property() code = '';

  override render() {
    return html`<span class="join-code" aria-hidden="true">${this.code}</span><span class="visually-hidden"
        >${[...this.code].join(' ')}</span
      >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-join-code': RhJoinCode;
  }
}
