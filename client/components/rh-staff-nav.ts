import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StaffSession } from '../../server/accounts/schema.js';
import { focusStyles } from '../styles/shared.js';

/**
 * The header navigation of a signed-in lead or assessor: a link to their runs, who they are, and a
 * sign-out button. Renders nothing when nobody is signed in. It does not sign out itself: it asks,
 * and the app shell ends the session.
 *
 * @prop session - the signed-in staff member, or null
 * @fires rh-sign-out - when the sign-out button is pressed
 */
@customElement('rh-staff-nav')
export class RhStaffNav extends LitElement {
  static override styles = [
    focusStyles,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--rh-space-2) var(--rh-space-6);
        margin: 0;
        padding: 0;
        list-style: none;
      }

      a:link,
      a:visited,
      button {
        color: var(--rh-colour-on-brand);
        font: inherit;
        font-weight: var(--rh-font-weight-bold);
        text-decoration: underline;
        text-underline-offset: 0.15em;
      }

      a:hover,
      button:hover {
        text-decoration-thickness: 3px;
      }

      button {
        margin: 0;
        padding: 0;
        border: 0;
        background: none;
        cursor: pointer;
      }

      button:focus-visible {
        outline: var(--rh-focus-width) solid transparent;
        background-color: var(--rh-colour-focus);
        box-shadow: 0 -2px var(--rh-colour-focus), 0 4px var(--rh-colour-focus-text);
        color: var(--rh-colour-focus-text);
        text-decoration: none;
      }

      .who {
        font-size: var(--rh-font-size-small);
      }
    `,
  ];

  @property({ attribute: false }) session: StaffSession | null = null;

  override render() {
    if (!this.session) return nothing;
    return html`
      <nav aria-label="Your account">
        <ul>
          <li><a href="/runs">Runs</a></li>
          ${this.session.user.role === 'lead' ? html`<li><a href="/staff">Staff</a></li><li><a href="/review/compare">Year over year</a></li><li><a href="/audit">Audit log</a></li>` : nothing}
          <li class="who">${this.session.user.displayName}, ${this.session.organisation.name}</li>
          <li><button type="button" @click=${this.signOut}>Sign out</button></li>
        </ul>
      </nav>
    `;
  }

  private signOut(): void {
    this.dispatchEvent(new CustomEvent('rh-sign-out', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-staff-nav': RhStaffNav;
  }
}
