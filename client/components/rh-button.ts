import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

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

  static override styles = css`
    :host {
      display: block;
      margin-bottom: var(--rh-space-6);
    }

    button {
      --button-background: var(--rh-colour-button-primary);
      --button-hover: var(--rh-colour-button-primary-hover);
      --button-shadow: var(--rh-colour-button-primary-shadow);
      --button-text: var(--rh-colour-on-brand);

      position: relative;
      width: 100%;
      margin: 0 0 2px;
      padding: 8px var(--rh-space-2) 7px;
      border: var(--rh-border-width-input) solid transparent;
      border-radius: 0;
      background-color: var(--button-background);
      box-shadow: 0 2px 0 var(--button-shadow);
      color: var(--button-text);
      cursor: pointer;
      font: inherit;
      line-height: 1.1875;
      text-align: center;
      -webkit-appearance: none;
      appearance: none;
    }

    :host([variant='secondary']) button {
      --button-background: var(--rh-colour-button-secondary);
      --button-hover: var(--rh-colour-button-secondary-hover);
      --button-shadow: var(--rh-colour-button-secondary-shadow);
      --button-text: var(--rh-colour-text);
    }

    :host([variant='warning']) button {
      --button-background: var(--rh-colour-button-warning);
      --button-hover: var(--rh-colour-button-warning-hover);
      --button-shadow: var(--rh-colour-button-warning-shadow);
    }

    button:hover {
      background-color: var(--button-hover);
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

    button:active {
      top: 2px;
    }

    button:focus-visible {
      border-color: var(--rh-colour-focus);
      outline: var(--rh-focus-width) solid transparent;
      background-color: var(--rh-colour-focus);
      box-shadow: inset 0 0 0 1px var(--rh-colour-focus), 0 2px 0 var(--rh-colour-focus-text);
      color: var(--rh-colour-focus-text);
    }

    @media (min-width: 40.0625em) {
      :host {
        display: inline-block;
      }

      button {
        width: auto;
      }
    }
  `;

  @property({ reflect: true }) variant: 'primary' | 'secondary' | 'warning' = 'primary';
  @property() type: 'submit' | 'button' = 'submit';
  @property({ type: Boolean, reflect: true }) disabled = false;

  private readonly internals = this.attachInternals();

  override render() {
    return html`<button type="button" ?disabled=${this.disabled} @click=${this.submitForm}><slot></slot></button>`;
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
