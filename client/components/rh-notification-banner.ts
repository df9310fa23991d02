import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusStyles, linkStyles, typographyStyles } from '../styles/shared.js';

/**
 * GOV.UK's notification banner. "important" tells people about something they need to know
 * before they continue; "success" confirms that an action worked. A success banner is an alert
 * and takes focus when it appears, so people hear the outcome straight away.
 *
 * @attr type - important (default) or success
 * @attr title-text - the banner's title; "Important" or "Success" unless given
 * @slot - the message, usually a heading and a paragraph
 */
@customElement('rh-notification-banner')
export class RhNotificationBanner extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-6);
      }

      .banner {
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-brand-accent);
        background-color: var(--rh-colour-brand-accent);
      }

      .banner--success {
        border-color: var(--rh-colour-success);
        background-color: var(--rh-colour-success);
      }

      .banner:focus {
        outline: var(--rh-focus-width) solid var(--rh-colour-focus);
      }

      h2 {
        margin: 0;
        padding: 2px var(--rh-space-3) var(--rh-space-1);
        color: var(--rh-colour-on-brand);
        font-size: var(--rh-font-size-body);
        line-height: 1.3;
      }

      .content {
        padding: var(--rh-space-3);
        background-color: var(--rh-colour-background);
        color: var(--rh-colour-text);
      }

      ::slotted(:last-child) {
        margin-bottom: 0;
      }
    `,
  ];

  @property() type: 'important' | 'success' = 'important';
  @property({ attribute: 'title-text' }) titleText = '';

  override firstUpdated(): void {
    if (this.type === 'success') this.renderRoot.querySelector<HTMLElement>('.banner')?.focus();
  }

  override render() {
    const success = this.type === 'success';
    const title = this.titleText || (success ? 'Success' : 'Important');
    return html`
      <div
        class=${success ? 'banner banner--success' : 'banner'}
        role=${success ? 'alert' : 'region'}
        aria-labelledby="title"
        tabindex=${success ? '-1' : nothing}
      >
        <h2 id="title">${title}</h2>
        <div class="content"><slot></slot></div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-notification-banner': RhNotificationBanner;
  }
}
