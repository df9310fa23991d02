import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusField } from '../shadow-dom.js';
import { focusStyles, linkStyles, typographyStyles } from '../styles/shared.js';
import type { FieldError } from './form-parts.js';

/**
 * GOV.UK's error summary: "There is a problem" and a link to each field with an error. Renders
 * nothing while there are no errors. Each time it is given errors it takes focus, so keyboard and
 * screen reader users start from the list of problems. A link moves focus to its field even when
 * the field is inside another element's shadow root.
 *
 * Put it at the top of the page's main content, and give the same messages to the fields.
 *
 * @prop errors - `{ fieldId, message }[]`, in the order the fields appear on the page
 */
@customElement('rh-error-summary')
export class RhErrorSummary extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      .error-summary {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-4);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-error);
      }

      .error-summary:focus {
        outline: var(--rh-focus-width) solid var(--rh-colour-focus);
      }

      h2 {
        margin-top: 0;
        font-size: var(--rh-font-size-heading-m);
      }

      ul {
        margin-bottom: 0;
        padding-left: 0;
        list-style: none;
      }

      li:last-child {
        margin-bottom: 0;
      }

      a:link,
      a:visited,
      a:hover,
      a:active {
        color: var(--rh-colour-error);
        font-weight: var(--rh-font-weight-bold);
      }

      a:focus-visible {
        color: var(--rh-colour-focus-text);
      }
    `,
  ];

  @property({ attribute: false }) errors: readonly FieldError[] = [];

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('errors') && this.errors.length > 0) {
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
    }
  }

  override render() {
    if (this.errors.length === 0) return nothing;
    return html`
      <div class="error-summary" tabindex="-1">
        <div role="alert">
          <h2>There is a problem</h2>
          <ul>
            ${this.errors.map(
              (error) => html`<li>
                <a href=${`#${error.fieldId}`} @click=${(event: Event) => this.goToField(event, error.fieldId)}>${error.message}</a>
              </li>`,
            )}
          </ul>
        </div>
      </div>
    `;
  }

  private goToField(event: Event, fieldId: string): void {
    if (focusField(fieldId)) event.preventDefault();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-error-summary': RhErrorSummary;
  }
}
