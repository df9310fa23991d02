import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { focusStyles, visuallyHiddenStyles } from '../styles/shared.js';
import type { ChoiceOption } from './form-parts.js';
import { choiceId, choiceStyles, describedBy, formGroupStyles, hintId, renderErrorMessage, renderHint } from './form-parts.js';

/**
 * A multiple-choice question: a fieldset whose legend asks the question, with an optional hint,
 * error message and one checkbox per option. Form-associated: each checked value is in the
 * enclosing form's FormData under `name` (read them with `formData.getAll(name)`).
 *
 * @attr field-id - id of the first checkbox (error summary links point to it); the others add "-2", "-3"…
 * @attr name - key of the values in the enclosing form's FormData
 * @attr legend - the question
 * @attr hint - optional help text under the question, e.g. "Select all that apply"
 * @attr error - error message; when set the group is marked invalid
 * @prop options - the choices, `{ value, label, hint?, exclusive? }`. An exclusive option ("None of
 *   these") follows an "or" and cannot be checked with the others: checking it clears them, checking
 *   another clears it, and a polite live region says what was cleared (the GOV.UK "none" pattern).
 * @prop values - the checked values, in option order
 * @fires rh-change - `{ values }` when a checkbox is checked or cleared
 */
@customElement('rh-checkboxes')
export class RhCheckboxes extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [
    visuallyHiddenStyles,
    focusStyles,
    formGroupStyles,
    choiceStyles,
    css`
      .divider {
        margin: var(--rh-space-2) 0;
        width: 40px;
        text-align: center;
      }
    `,
  ];

  @property({ attribute: 'field-id' }) fieldId = '';
  @property() legend = '';
  @property() hint = '';
  @property() error = '';
  @property({ attribute: false }) options: readonly ChoiceOption[] = [];
  @property({ attribute: false }) values: readonly string[] = [];

  /** What the last click cleared, for screen reader users. */
  @state() private announcement = '';

  private readonly internals = this.attachInternals();

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('values')) return;
    const formValue = new FormData();
    const name = this.getAttribute('name');
    if (name) for (const value of this.values) formValue.append(name, value);
    this.internals.setFormValue(formValue);
  }

  override render() {
    return html`
      <div class=${this.error ? 'form-group form-group--error' : 'form-group'}>
        <fieldset aria-describedby=${describedBy(this.fieldId, this.hint, this.error)}>
          <legend>${this.legend}</legend>
          ${renderHint(this.fieldId, this.hint)} ${renderErrorMessage(this.fieldId, this.error)}
          <div>
            ${this.options.map(
              (option, index) => html`${option.exclusive && index > 0 ? html`<p class="divider">or</p>` : nothing}${this.renderOption(option, choiceId(this.fieldId, index))}`,
            )}
          </div>
          <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
        </fieldset>
      </div>
    `;
  }

  private renderOption(option: ChoiceOption, id: string) {
    return html`
      <div class="choice choice--checkbox">
        <input
          type="checkbox"
          id=${id}
          .value=${option.value}
          .checked=${this.values.includes(option.value)}
          aria-describedby=${option.hint ? hintId(id) : nothing}
          @change=${(event: Event) => this.toggle(event.target as HTMLInputElement, option)}
        />
        <label for=${id}>${option.label}</label>
        ${renderHint(id, option.hint ?? '')}
      </div>
    `;
  }

  private toggle(box: HTMLInputElement, option: ChoiceOption): void {
    const boxes = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const before = new Set(boxes.filter((candidate) => candidate !== box && candidate.checked).map((candidate) => candidate.value));
    if (box.checked) {
      // An exclusive option clears the rest; any other option clears the exclusive ones.
      const clears = (other: ChoiceOption) => other.value !== option.value && (option.exclusive || other.exclusive);
      const cleared = this.options.filter((other) => before.has(other.value) && clears(other));
      for (const candidate of boxes) if (cleared.some((other) => other.value === candidate.value)) candidate.checked = false;
      this.announcement = cleared.length > 0 ? `Unticked: ${cleared.map((other) => other.label).join(', ')}` : '';
    } else {
      this.announcement = '';
    }
    this.values = boxes.filter((candidate) => candidate.checked).map((candidate) => candidate.value);
    this.dispatchEvent(new CustomEvent('rh-change', { detail: { values: this.values }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-checkboxes': RhCheckboxes;
  }
}
