import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../styles/button.js';

/**
 * A button in one of three variants: primary (the main action on a page), secondary, or warning
 * (an action that destroys something or cannot be undone).
 *
 * It renders a native `<button>`, which a form outside this element's shadow root cannot see, so
 * the element is form-associated instead: with `type="submit"` a click calls `requestSubmit()` on the
 * enclosing form. Pages handle submission in that form's `submit` listener (with `novalidate`, and
 * reading values from `new FormData(form)`), exactly as they would with a native button.
 *
 * @attr variant - primary (default), secondary or warning
 * @attr type - submit (default, submits the enclosing form) or button
 * @attr disabled - the button cannot be pressed; say nearby why not (GOV.UK uses this sparingly)
 * @slot - the button text
 * @fires click - (native) when pressed
 */
@customElement('rh-button')
export class RhButton extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [
    buttonStyles,
    css`
      button {
        width: 100%;
        border-radius: 0;
        cursor: pointer;
        font: inherit;
        -webkit-appearance: none;
        appearance: none;
      }

      button:disabled {
        opacity: 0.5;
        cursor: not-allowed;
      }

      button:disabled:hover {
        background-color: var(--button-background);
      }

      button:disabled:active {
        top: 0;
      }

      @media (min-width: 40.0625em) {
        button {
          width: auto;
        }
      }
    `,
  ];

  @property({ reflect: true }) variant: 'primary' | 'secondary' | 'warning' = 'primary';
  @property() type: 'submit' | 'button' = 'submit';
  @property({ type: Boolean, reflect: true }) disabled = false;

  private readonly internals = this.attachInternals();

  override render() {
    return html`<button class="button" type="button" ?disabled=${this.disabled} @click=${this.submitForm}><slot></slot></button>`;
  }

  private submitForm(): void {
    if (this.type === 'submit') this.internals.form?.requestSubmit();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-button': RhButton;
  }
}
