import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusStyles, linkStyles, typographyStyles } from '../styles/shared.js';

/**
 * The frame of every page: an optional back link, the page's h1 (with an optional caption giving
 * context, such as the exercise name), the main content in a two-thirds column and an optional
 * aside beside it. The h1 can take focus from script; the router moves focus to it after each
 * navigation.
 *
 * @attr heading - the page heading; keep it the same as the route's title
 * @attr caption - optional text above the heading, read as part of it
 * @attr back-href - where the back link goes; no back link without it
 * @attr back-label - the back link's text, "Back" unless given
 * @slot - the main content
 * @slot aside - related content beside the main content (below it on small screens)
 */
@customElement('rh-page-layout')
export class RhPageLayout extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      :host {
        display: block;
      }

      .back-link {
        position: relative;
        display: inline-block;
        margin-bottom: var(--rh-space-4);
        padding-left: 14px;
        font-size: var(--rh-font-size-small);
      }

      .back-link:link,
      .back-link:visited {
        color: var(--rh-colour-text);
      }

      /* A chevron drawn with borders, so it takes the link's colour, also in high-contrast mode. */
      .back-link::before {
        content: '';
        position: absolute;
        top: 0.4em;
        left: 0.2em;
        width: 0.4em;
        height: 0.4em;
        transform: rotate(225deg);
        border: solid;
        border-width: 1px 1px 0 0;
        border-color: currentcolor;
      }

      .caption {
        display: block;
        margin-bottom: var(--rh-space-1);
        color: var(--rh-colour-secondary-text);
        font-size: var(--rh-font-size-heading-m);
        font-weight: var(--rh-font-weight-regular);
      }

      .columns {
        display: grid;
        /* One column that never grows past the screen: a wide table scrolls in its own region. */
        grid-template-columns: minmax(0, 1fr);
        gap: var(--rh-space-6);
      }

      @media (min-width: 40.0625em) {
        .columns {
          grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        }
      }

      /* On paper the content takes the whole width and the back link is no use. */
      @media print {
        .columns {
          grid-template-columns: minmax(0, 1fr);
        }

        .back-link {
          display: none;
        }
      }
    `,
  ];

  @property() heading = '';
  @property() caption = '';
  @property({ attribute: 'back-href' }) backHref = '';
  @property({ attribute: 'back-label' }) backLabel = 'Back';

  override render() {
    return html`
      ${this.backHref ? html`<a class="back-link" href=${this.backHref}>${this.backLabel}</a>` : nothing}
      <h1 tabindex="-1">${this.caption ? html`<span class="caption">${this.caption}</span>` : nothing}${this.heading}</h1>
      <div class="columns">
        <div><slot></slot></div>
        <div><slot name="aside"></slot></div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-page-layout': RhPageLayout;
  }
}
