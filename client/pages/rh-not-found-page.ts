import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../components/rh-page-layout.js';
import { focusStyles, linkStyles, typographyStyles } from '../styles/shared.js';

/** Shown for any address that is not a page of Rehearse. */
@customElement('rh-not-found-page')
export class RhNotFoundPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  override render() {
    return html`
      <rh-page-layout heading="Page not found">
        <p>If you typed the web address, check it is correct.</p>
        <p>If you pasted the web address, check you copied the entire address.</p>
        <p><a href="/">Go to the Rehearse home page</a></p>
      </rh-page-layout>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-not-found-page': RhNotFoundPage;
  }
}
