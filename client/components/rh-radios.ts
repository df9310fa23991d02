import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusStyles, visuallyHiddenStyles } from '../styles/shared.js';
import type { ChoiceOption } from './form-parts.js';
import { choiceId, choiceStyles, describedBy, formGroupStyles, hintId, renderErrorMessage, renderHint } from './form-parts.js';

/**
 * A single-choice question: a fieldset whose legend asks the question, with an optional hint,
 * error message and one radio per option. Form-associated: the chosen value is in the enclosing
 * form's FormData under `name`.
 *
 * @attr field-id - id of the first radio (error summary links point to it); the others add "-2", "-3"…
 * @attr name - key of the value in the enclosing form's FormData
 * @attr legend - the question
 * @attr hint - optional help text under the question
 * @attr error - error message; when set the group is marked invalid
 * @prop options - the choices, `{ value, label, hint? }`
 * @prop value - the chosen value, or '' when none is chosen
 * @fires rh-change - `{ value }` when a radio is chosen
 */
@customElement('rh-radios')
export class RhRadios extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [visuallyHiddenStyles, focusStyles, formGroupStyles, choiceStyles];

  @property({ attribute: 'field-id' }) fieldId = '';
  @property() legend = '';
  @property() hint = '';
  @property() error = '';
  @property({ attribute: false }) options: readonly ChoiceOption[] = [];
  @property() value = '';

  private readonly internals = this.attachInternals();

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value')) this.internals.setFormValue(this.value === '' ? null : this.value);
  }

  override render() {
    return html`
      <div class=${this.error ? 'form-group form-group--error' : 'form-group'}>
        <fieldset aria-describedby=${describedBy(this.fieldId, this.hint, this.error)}>
          <legend>${this.legend}</legend>
          ${renderHint(this.fieldId, this.hint)} ${renderErrorMessage(this.fieldId, this.error)}
          <div>${this.options.map((option, index) => this.renderOption(option, choiceId(this.fieldId, index)))}</div>
        </fieldset>
      </div>
    `;
  }

  private renderOption(option: ChoiceOption, id: string) {
    return html`
      <div class="choice choice--radio">
        <input
          type="radio"
          id=${id}
          name=${this.fieldId}
          .value=${option.value}
          .checked=${option.value === this.value}
          aria-describedby=${option.hint ? hintId(id) : nothing}
          @change=${this.choose}
        />
        <label for=${id}>${option.label}</label>
        ${renderHint(id, option.hint ?? '')}
      </div>
    `;
  }

  private choose(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('rh-change', { detail: { value: this.value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-radios': RhRadios;
  }
}
