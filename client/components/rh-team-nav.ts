import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusStyles, visuallyHiddenStyles } from '../styles/shared.js';

export type TeamSection = 'referral' | 'feed' | 'form' | 'decisions' | 'agencies' | 'meetings' | 'check' | 'results';

const links: ReadonlyArray<{ section: TeamSection; href: string; label: string }> = [
  { section: 'referral', href: '/team', label: 'Referral' },
  { section: 'feed', href: '/team/feed', label: 'Information feed' },
  { section: 'form', href: '/team/form', label: 'Risk assessment' },
  { section: 'decisions', href: '/team/decisions', label: 'Decision log' },
  { section: 'agencies', href: '/team/agencies', label: 'Agencies' },
  { section: 'check', href: '/team/check', label: 'Check and submit' },
  { section: 'results', href: '/team/results', label: 'Results' },
  // Last: it appears once the team's meetings have loaded, and must not shift the links a person is about to press.
  { section: 'meetings', href: '/team/meetings', label: 'Meetings' },
];

/**
 * The navigation across a team's exercise (referral, feed, risk assessment, decisions, agencies,
 * check and submit), marking the current part with aria-current. The feed link carries the number
 * of unread items in words. Below it sits a polite live region for announcements that arrive while
 * the team is on any of these pages ("New information from CSC: …").
 *
 * @attr current - the part of the exercise being shown
 * @prop unread - unread items in the information feed
 * @prop announcement - text to announce politely; change it to announce again
 * @prop resultsReleased - show the Results link (only once a lead has released results)
 * @prop hasMeetings - show the Meetings link (once a meeting the team attends is convened)
 */
@customElement('rh-team-nav')
export class RhTeamNav extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    focusStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-6);
        border-bottom: 1px solid var(--rh-colour-border);
      }

      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--rh-space-5);
        margin: 0;
        padding: 0;
        list-style: none;
      }

      li {
        margin: 0;
        padding: var(--rh-space-2) 0;
        border-bottom: var(--rh-border-width-emphasis) solid transparent;
      }

      li.current {
        border-bottom-color: var(--rh-colour-link);
      }

      a:link,
      a:visited {
        color: var(--rh-colour-link);
        font-weight: var(--rh-font-weight-bold);
        text-decoration: none;
      }

      a:hover {
        text-decoration: underline;
      }

      li.current a:link,
      li.current a:visited {
        color: var(--rh-colour-text);
      }

      .count {
        display: inline-block;
        min-width: 1.25em;
        margin-left: var(--rh-space-1);
        padding: 0 6px;
        border-radius: 1em;
        background-color: var(--rh-colour-brand);
        color: var(--rh-colour-on-brand);
        font-size: var(--rh-font-size-small);
        text-align: center;
      }
    `,
  ];

  @property() current: TeamSection = 'referral';
  @property({ type: Number }) unread = 0;
  @property() announcement = '';
  @property({ type: Boolean }) resultsReleased = false;
  @property({ type: Boolean }) hasMeetings = false;

  override render() {
    return html`
      <nav aria-label="Your exercise">
        <ul>
          ${links.filter((link) => (link.section !== 'results' || this.resultsReleased) && (link.section !== 'meetings' || this.hasMeetings || this.current === 'meetings')).map(
            (link) => html`<li class=${link.section === this.current ? 'current' : ''}>
              <a href=${link.href} aria-current=${link.section === this.current ? 'page' : nothing}
                >${link.label}${link.section === 'feed' && this.unread > 0
                  ? html`<span class="count" aria-hidden="true">${this.unread}</span
                      ><span class="visually-hidden"> (${this.unread} new)</span>`
                  : nothing}</a
              >
            </li>`,
          )}
        </ul>
      </nav>
      <div class="visually-hidden" role="status">${this.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-team-nav': RhTeamNav;
  }
}
