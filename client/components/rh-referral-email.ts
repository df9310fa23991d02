import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TeamScenarioView } from '../../server/packs/views.js';
import { markdown } from '../lazy-markdown.js';
import { focusStyles, linkStyles, typographyStyles } from '../styles/shared.js';
import './rh-summary-list.js';

export type ReferralEmail = TeamScenarioView['referral']['email'];

/**
 * A referral email as it would arrive: sender, recipient, subject and time as a summary list, then
 * the body, rendered from the pack's Markdown.
 *
 * @prop email - `{ from, to, subject, sentAt, body }`
 */
@customElement('rh-referral-email')
export class RhReferralEmail extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      :host {
        display: block;
      }

      .body {
        padding: var(--rh-space-4);
        border: 1px solid var(--rh-colour-border);
      }

      .body > :last-child {
        margin-bottom: 0;
      }
    `,
  ];

  @property({ attribute: false }) email: ReferralEmail | undefined;

  override render() {
    const email = this.email;
    if (!email) return nothing;
    return html`
      <rh-summary-list
        .rows=${[
          { key: 'From', value: email.from },
          { key: 'To', value: email.to },
          { key: 'Subject', value: email.subject },
          { key: 'Sent', value: email.sentAt },
        ]}
      ></rh-summary-list>
      <div class="body">${markdown(email.body)}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-referral-email': RhReferralEmail;
  }
}
