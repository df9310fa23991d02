import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { focusStyles, visuallyHiddenStyles } from '../styles/shared.js';
import { describedBy, formGroupStyles, renderErrorMessage, renderHint } from './form-parts.js';

export type FieldType = 'text' | 'email' | 'password' | 'number' | 'date' | 'textarea' | 'select';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/**
 * A labelled form field: one text input, textarea or select with its label, hint and error message.
 * The label and control share this element's shadow root so the label names the control, and the
 * hint and error are wired to it with aria-describedby.
 *
 * The element is form-associated: inside a `<form>` its value is in the form's FormData under
 * `name`, and Enter in a single-line input submits the form, as it would for a native input.
 * A `number` field is a text input with a numeric keyboard, because `type="number"` changes values
 * when people scroll and rounds long numbers (GOV.UK's advice).
 *
 * @attr field-id - id of the control inside; error summary links point to it
 * @attr name - key of the value in the enclosing form's FormData
 * @attr label - the question or label text
 * @attr hint - optional help text under the label
 * @attr error - error message; when set the field is marked invalid
 * @attr type - text, email, password, number, date, textarea or select
 * @attr autocomplete - the input's purpose, e.g. "email", so browsers can fill it in
 * @attr rows - visible lines of a textarea
 * @prop value - the current value
 * @prop options - the choices of a select
 * @fires input - (native, crosses the shadow boundary) on every change; read `value` from the element
 * @fires rh-change - `{ value }` when a change is committed (on leaving the control, or choosing an option)
 */
@customElement('rh-field')
export class RhField extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [
    visuallyHiddenStyles,
    focusStyles,
    formGroupStyles,
    css`
      input,
      textarea,
      select {
        box-sizing: border-box;
        width: 100%;
        margin: 0;
        padding: var(--rh-space-1);
        border: var(--rh-border-width-input) solid var(--rh-colour-input-border);
        border-radius: 0;
        background-color: var(--rh-colour-background);
        color: var(--rh-colour-text);
        font: inherit;
        line-height: 1.25;
      }

      input,
      select {
        height: 2.5rem;
      }

      input {
        appearance: none;
      }

      select {
        width: auto;
        min-width: 11.5em;
        max-width: 100%;
      }

      textarea {
        display: block;
        min-height: 2.5rem;
        resize: vertical;
      }

      [aria-invalid='true'] {
        border-color: var(--rh-colour-error);
      }

      [aria-invalid='true']:focus-visible {
        border-color: var(--rh-colour-input-border);
      }
    `,
  ];

  @property({ attribute: 'field-id' }) fieldId = '';
  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property() type: FieldType = 'text';
  @property() autocomplete: string | undefined;
  @property({ type: Number }) rows = 5;
  @property() value = '';
  @property({ attribute: false }) options: readonly SelectOption[] = [];

  private readonly internals = this.attachInternals();

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value')) this.internals.setFormValue(this.value);
  }

  override render() {
    return html`
      <div class=${this.error ? 'form-group form-group--error' : 'form-group'}>
        <label for=${this.fieldId}>${this.label}</label>
        ${renderHint(this.fieldId, this.hint)} ${renderErrorMessage(this.fieldId, this.error)} ${this.renderControl()}
      </div>
    `;
  }

  private renderControl() {
    const describedby = describedBy(this.fieldId, this.hint, this.error);
    const invalid = this.error ? 'true' : nothing;
    if (this.type === 'textarea') {
      return html`<textarea
        id=${this.fieldId}
        rows=${this.rows}
        autocomplete=${ifDefined(this.autocomplete)}
        aria-describedby=${describedby}
        aria-invalid=${invalid}
        .value=${live(this.value)}
        @input=${this.onInput}
        @change=${this.onChange}
      ></textarea>`;
    }
    if (this.type === 'select') {
      return html`<select
        id=${this.fieldId}
        autocomplete=${ifDefined(this.autocomplete)}
        aria-describedby=${describedby}
        aria-invalid=${invalid}
        @input=${this.onInput}
        @change=${this.onChange}
      >
        ${this.options.map(
          (option) => html`<option value=${option.value} ?selected=${option.value === this.value}>${option.label}</option>`,
        )}
      </select>`;
    }
    const numeric = this.type === 'number';
    const verbatim = this.type === 'email' || this.type === 'password';
    return html`<input
      id=${this.fieldId}
      type=${numeric ? 'text' : this.type}
      inputmode=${numeric ? 'numeric' : nothing}
      spellcheck=${verbatim ? 'false' : nothing}
      autocomplete=${ifDefined(this.autocomplete)}
      aria-describedby=${describedby}
      aria-invalid=${invalid}
      .value=${live(this.value)}
      @input=${this.onInput}
      @change=${this.onChange}
      @keydown=${this.submitOnEnter}
    />`;
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
  }

  private onChange(): void {
    this.dispatchEvent(new CustomEvent('rh-change', { detail: { value: this.value }, bubbles: true, composed: true }));
  }

  private submitOnEnter(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.isComposing) this.internals.form?.requestSubmit();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-field': RhField;
  }
}
