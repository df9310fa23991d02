import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/**
 * GOV.UK's inset text: sets a quotation, an example or an important note apart from the text
 * around it.
 *
 * @slot - the text
 */
@customElement('rh-inset-text')
export class RhInsetText extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: var(--rh-space-6) 0;
      padding: var(--rh-space-3);
      border-left: 10px solid var(--rh-colour-border);
    }
  `;

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-inset-text': RhInsetText;
  }
}
