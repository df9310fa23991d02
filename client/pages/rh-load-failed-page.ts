import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../components/rh-page-layout.js';
import { focusStyles, linkStyles, typographyStyles } from '../styles/shared.js';

/**
 * Shown when a page's code could not be downloaded: the connection dropped, or Rehearse was updated
 * and the old version's files are gone. Reloading fetches the current version.
 */
@customElement('rh-load-failed-page')
export class RhLoadFailedPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  override render() {
    return html`
      <rh-page-layout heading="This page could not be loaded">
        <p>Check your connection, then reload the page. Anything your team saved is kept.</p>
        <p><a href=${window.location.pathname + window.location.search} @click=${this.reload}>Reload this page</a></p>
      </rh-page-layout>
    `;
  }

  private reload(event: Event): void {
    event.preventDefault();
    window.location.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-load-failed-page': RhLoadFailedPage;
  }
}
