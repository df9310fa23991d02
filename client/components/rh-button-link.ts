import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../styles/button.js';

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
  static override styles = [
    buttonStyles,
    css`
      a {
        display: block;
        text-decoration: none;
      }

      a:link,
      a:visited {
        color: var(--button-text);
      }

      @media (min-width: 40.0625em) {
        a {
          display: inline-block;
        }
      }
    `,
  ];

  @property() href = '';
  @property({ reflect: true }) variant: 'primary' | 'secondary' = 'primary';

  override render() {
    return html`<a class="button" href=${this.href} draggable="false"><slot></slot></a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-button-link': RhButtonLink;
  }
}
