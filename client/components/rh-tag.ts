import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

export type TagColour = 'blue' | 'light-blue' | 'grey' | 'green' | 'red' | 'yellow';

/**
 * A short status label, such as "In progress". The colour only reinforces the words, which must
 * make sense on their own.
 *
 * @attr colour - blue (default), light-blue, grey, green, red or yellow
 * @slot - the status text
 */
@customElement('rh-tag')
export class RhTag extends LitElement {
  static override styles = css`
    :host {
      --tag-text: var(--rh-colour-tag-blue-text);
      --tag-background: var(--rh-colour-tag-blue-background);

      display: inline-block;
      max-width: 160px;
      padding: 2px 8px 3px;
      /* Keeps the tag's edge visible in Windows high-contrast mode, where backgrounds are removed. */
      outline: 2px solid transparent;
      outline-offset: -2px;
      background-color: var(--tag-background);
      color: var(--tag-text);
      font-size: var(--rh-font-size-body);
      line-height: 1.25;
      overflow-wrap: break-word;
    }

    :host([colour='light-blue']) {
      --tag-text: var(--rh-colour-tag-light-blue-text);
      --tag-background: var(--rh-colour-tag-light-blue-background);
    }

    :host([colour='grey']) {
      --tag-text: var(--rh-colour-tag-grey-text);
      --tag-background: var(--rh-colour-tag-grey-background);
    }

    :host([colour='green']) {
      --tag-text: var(--rh-colour-tag-green-text);
      --tag-background: var(--rh-colour-tag-green-background);
    }

    :host([colour='red']) {
      --tag-text: var(--rh-colour-tag-red-text);
      --tag-background: var(--rh-colour-tag-red-background);
    }

    :host([colour='yellow']) {
      --tag-text: var(--rh-colour-tag-yellow-text);
      --tag-background: var(--rh-colour-tag-yellow-background);
    }
  `;

  @property({ reflect: true }) colour: TagColour = 'blue';

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-tag': RhTag;
  }
}
