import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { TemplateResult } from 'lit';
import { api, ApiError } from './api/client.js';
import './components/rh-staff-nav.js';
import { SessionController } from './controllers/session-controller.js';
import type { NavigateDetail } from './navigation.js';
import { navigateEvent } from './navigation.js';
import { Router, serviceName } from './router.js';
import { loadFailedPage, notFoundPage, routes } from './routes.js';
import { setStaffSession, setTeamSession, staffMaybeSignedIn } from './session-store.js';
import { checkStaffSession } from './staff-session.js';
import { focusStyles, linkStyles } from './styles/shared.js';

/**
 * The app shell: header with the service name and the "EXERCISE — fictional" marking every screen
 * carries once, the main content region holding the current route's page, and the footer. Owns
 * the router, which pages drive with `rh-navigate` events.
 * At start it asks the server who is signed in, once, if anyone may be (see session-store.ts); the
 * header then shows a signed-in lead or assessor their navigation and a sign-out button.
 *
 * @slot nav - more navigation, shown in the header (bring your own `<nav>`)
 */
@customElement('rh-app')
export class RhApp extends LitElement {
  static override styles = [
    linkStyles,
    focusStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
      }

      .width-container {
        max-width: var(--rh-page-width);
        margin: 0 auto;
        padding: 0 var(--rh-space-3);
      }

      @media (min-width: 40.0625em) {
        .width-container {
          padding: 0 var(--rh-space-6);
        }
      }

      .width-container--wide {
        max-width: var(--rh-wide-page-width);
      }

      header {
        border-bottom: 10px solid var(--rh-colour-brand-accent);
        background-color: var(--rh-colour-brand);
        color: var(--rh-colour-on-brand);
      }

      header .width-container {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--rh-space-2) var(--rh-space-6);
        padding-top: var(--rh-space-2);
        padding-bottom: var(--rh-space-2);
      }

      .leave-team {
        margin: 0;
        padding: 0;
        border: 0;
        background: none;
        color: var(--rh-colour-on-brand);
        font: inherit;
        font-weight: var(--rh-font-weight-bold);
        text-decoration: underline;
        text-underline-offset: 0.15em;
        cursor: pointer;
      }

      .leave-team:focus-visible {
        outline: var(--rh-focus-width) solid transparent;
        background-color: var(--rh-colour-focus);
        box-shadow: 0 -2px var(--rh-colour-focus), 0 4px var(--rh-colour-focus-text);
        color: var(--rh-colour-focus-text);
        text-decoration: none;
      }

      .service-name:link,
      .service-name:visited {
        color: var(--rh-colour-on-brand);
        font-size: var(--rh-font-size-heading-m);
        font-weight: var(--rh-font-weight-bold);
        text-decoration: none;
      }

      .service-name:hover {
        text-decoration: underline;
        text-decoration-thickness: 3px;
      }

      .service-name:focus-visible {
        color: var(--rh-colour-focus-text);
      }

      /* Once per screen, in the banner: every team and staff screen is marked as an exercise. Dark
         text on a pale yellow tint (about 18:1). Paper carries the marking in its page margins instead
         (global.css). */
      .exercise-marking {
        padding: var(--rh-space-1) 0;
        background-color: var(--rh-colour-tag-yellow-background);
        color: var(--rh-colour-text);
        font-size: var(--rh-font-size-small);
      }

      .exercise-marking p {
        max-width: var(--rh-page-width);
        margin: 0 auto;
        padding: 0 var(--rh-space-3);
      }

      @media (min-width: 40.0625em) {
        .exercise-marking p {
          padding: 0 var(--rh-space-6);
        }
      }

      .exercise-marking strong {
        letter-spacing: 0.05em;
      }

      main {
        flex: 1;
        width: 100%;
        padding-top: var(--rh-space-7);
        padding-bottom: var(--rh-space-7);
      }

      footer {
        padding: var(--rh-space-6) 0;
        border-top: 1px solid var(--rh-colour-border);
        background-color: var(--rh-colour-light-background);
        color: var(--rh-colour-text);
        font-size: var(--rh-font-size-small);
      }

      footer p {
        margin: 0;
      }

      /* Printed pages (the after-action report) are the content alone. */
      @media print {
        header,
        footer {
          display: none;
        }

        main {
          padding: 0;
        }
      }
    `,
  ];

  private readonly router = new Router<TemplateResult>(this, routes, notFoundPage, loadFailedPage);
  private readonly session = new SessionController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(navigateEvent, this.followNavigation);
    if (staffMaybeSignedIn()) void checkStaffSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(navigateEvent, this.followNavigation);
  }

  private readonly followNavigation = (event: CustomEvent<NavigateDetail>): void => {
    this.router.navigate(event.detail.href, { replace: event.detail.replace });
  };

  private async signOut(): Promise<void> {
    try {
      await api.post('/auth/sign-out');
    } catch (error) {
      // Already signed out (an expired session) is as good as signing out now.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    setStaffSession(null);
    this.router.navigate('/');
  }

  /** Signs this device out of its team (a shared laptop, the wrong team chosen), after a confirmation. */
  private async leaveTeam(): Promise<void> {
    const team = this.session.team;
    if (!team) return;
    const sure = window.confirm(
      `Sign this device out of ${team.team.name}? Your team's saved work stays. To come back, join again with your team's own code, shown on your team pages.`,
    );
    if (!sure) return;
    try {
      await api.post('/team/sign-out');
    } catch (error) {
      // Already ended (by a facilitator, or expired) is as good as signing out now.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    setTeamSession(null);
    this.router.navigate('/join');
  }

  override render() {
    const { page, params, query } = this.router.current;
    const container = page.width === 'wide' ? 'width-container width-container--wide' : 'width-container';
    const onTeamPage = window.location.pathname === '/team' || window.location.pathname.startsWith('/team/');
    return html`
      <header>
        <div class=${container}>
          <a class="service-name" href="/">${serviceName}</a>
          <rh-staff-nav .session=${this.session.staff ?? null} @rh-sign-out=${this.signOut}></rh-staff-nav>
          ${this.session.team && onTeamPage
            ? html`<button type="button" class="leave-team" @click=${this.leaveTeam}>Sign this device out</button>`
            : nothing}
          <slot name="nav"></slot>
        </div>
        <div class="exercise-marking">
          <p><strong>EXERCISE — fictional</strong>: training material, every person, place and case is invented.</p>
        </div>
      </header>
      <main id="main-content" tabindex="-1">
        <div class=${container}>${page.render(params, query)}</div>
      </main>
      <footer>
        <div class=${container}>
          <p>All people, places and events in Rehearse exercises are fictional. Rehearse is for training only.</p>
        </div>
      </footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-app': RhApp;
  }
}
