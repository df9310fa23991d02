import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A link that looks like a button, for a call to action that goes to another page ("Create a run").
 * It stays a link, so screen readers announce it as one and it opens in a new tab like one.
 *
 * @attr href - where it goes
 * @attr variant - primary (default) or secondary
 * @slot - the link text
 */
@customElement('rh-button-link')
export class RhButtonLink extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin-bottom: var(--rh-space-6);
    }

    a {
      --button-background: var(--rh-colour-button-primary);
      --button-hover: var(--rh-colour-button-primary-hover);
      --button-shadow: var(--rh-colour-button-primary-shadow);
      --button-text: var(--rh-colour-on-brand);

      position: relative;
      display: block;
      box-sizing: border-box;
      margin: 0 0 2px;
      padding: 8px var(--rh-space-2) 7px;
      border: var(--rh-border-width-input) solid transparent;
      background-color: var(--button-background);
      box-shadow: 0 2px 0 var(--button-shadow);
      color: var(--button-text);
      line-height: 1.1875;
      text-align: center;
      text-decoration: none;
    }

    :host([variant='secondary']) a {
      --button-background: var(--rh-colour-button-secondary);
      --button-hover: var(--rh-colour-button-secondary-hover);
      --button-shadow: var(--rh-colour-button-secondary-shadow);
      --button-text: var(--rh-colour-text);
    }

    a:link,
    a:visited {
      color: var(--button-text);
    }

    a:hover {
      background-color: var(--button-hover);
    }

    a:active {
      top: 2px;
    }

    a:focus-visible {
      border-color: var(--rh-colour-focus);
      outline: var(--rh-focus-width) solid transparent;
      background-color: var(--rh-colour-focus);
      box-shadow: inset 0 0 0 1px var(--rh-colour-focus), 0 2px 0 var(--rh-colour-focus-text);
      color: var(--rh-colour-focus-text);
    }

    @media (min-width: 40.0625em) {
      :host {
        display: inline-block;
      }

      a {
        display: inline-block;
      }
    }
  `;

  @property() href = '';
  @property({ reflect: true }) variant: 'primary' | 'secondary' = 'primary';

  override render() {
    return html`<a href=${this.href} draggable="false"><slot></slot></a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-button-link': RhButtonLink;
  }
}
