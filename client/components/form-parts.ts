/**
 * Template and style pieces shared by the form fields (rh-field, rh-radios, rh-checkboxes), which
 * each render their own label, hint and error so that all of them sit in the control's shadow root
 * and can be associated with it.
 */
import { css, html, nothing } from 'lit';

export interface FieldError {
  /** The id of the control the error is about; the error summary links to it. */
  readonly fieldId: string;
  readonly message: string;
}

export function hintId(fieldId: string): string {
  return `${fieldId}-hint`;
}

export function errorId(fieldId: string): string {
  return `${fieldId}-error`;
}

/** The ids a control's aria-describedby lists: hint first, then error, as GOV.UK orders them. */
export function describedBy(fieldId: string, hint: string, error: string): string | typeof nothing {
  const ids = [hint ? hintId(fieldId) : '', error ? errorId(fieldId) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : nothing;
}

export function renderHint(fieldId: string, hint: string) {
  return hint ? html`<div class="hint" id=${hintId(fieldId)}>${hint}</div>` : nothing;
}

export function renderErrorMessage(fieldId: string, error: string) {
  return error
    ? html`<p class="error-message" id=${errorId(fieldId)}><span class="visually-hidden">Error:</span> ${error}</p>`
    : nothing;
}

export const formGroupStyles = css`
  :host {
    display: block;
    margin-bottom: var(--rh-space-6);
  }

  .form-group--error {
    padding-left: var(--rh-space-3);
    border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-error);
  }

  label,
  legend {
    display: block;
    margin-bottom: var(--rh-space-1);
    font-weight: var(--rh-font-weight-bold);
  }

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  legend {
    box-sizing: border-box;
    max-width: 100%;
    padding: 0;
    white-space: normal;
  }

  .hint {
    margin-bottom: var(--rh-space-3);
    color: var(--rh-colour-secondary-text);
  }

  .error-message {
    margin: 0 0 var(--rh-space-3);
    color: var(--rh-colour-error);
    font-weight: var(--rh-font-weight-bold);
  }
`;

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
  /** A "None of these" option: checking it clears the others, checking another clears it (checkboxes only). */
  readonly exclusive?: boolean;
}

/** Ids of a choice group's inputs: the first takes the field id, so error summary links land on it. */
export function choiceId(fieldId: string, index: number): string {
  return index === 0 ? fieldId : `${fieldId}-${index + 1}`;
}

/**
 * Large radios and checkboxes, drawn on the label so that they are easy to see and to hit (a 44px
 * target). The native input stays on top, transparent, so it keeps its keyboard behaviour.
 */
export const choiceStyles = css`
  .choice {
    position: relative;
    min-height: 40px;
    margin-bottom: var(--rh-space-2);
    padding-left: 40px;
  }

  .choice:last-child {
    margin-bottom: 0;
  }

  .choice input {
    position: absolute;
    z-index: 1;
    top: -2px;
    left: -2px;
    width: 44px;
    height: 44px;
    margin: 0;
    cursor: pointer;
    opacity: 0;
  }

  .choice label {
    display: inline-block;
    margin-bottom: 0;
    padding: 8px var(--rh-space-3) var(--rh-space-1);
    cursor: pointer;
    font-weight: var(--rh-font-weight-regular);
    touch-action: manipulation;
  }

  .choice label::before {
    content: '';
    box-sizing: border-box;
    position: absolute;
    top: 0;
    left: 0;
    width: 40px;
    height: 40px;
    border: var(--rh-border-width-input) solid currentcolor;
    background: transparent;
  }

  .choice label::after {
    content: '';
    position: absolute;
    opacity: 0;
  }

  .choice input:checked + label::after {
    opacity: 1;
  }

  .choice input:focus-visible + label::before {
    border-width: 4px;
    outline: var(--rh-focus-width) solid transparent;
    outline-offset: 1px;
    box-shadow: 0 0 0 var(--rh-focus-width) var(--rh-colour-focus);
  }

  .choice .hint {
    display: block;
    margin-bottom: 0;
    padding-right: var(--rh-space-3);
    padding-left: var(--rh-space-3);
  }

  .choice--radio label::before {
    border-radius: 50%;
  }

  .choice--radio label::after {
    top: 10px;
    left: 10px;
    width: 0;
    height: 0;
    border: 10px solid currentcolor;
    border-radius: 50%;
    background: currentcolor;
  }

  .choice--checkbox label::after {
    top: 11px;
    left: 9px;
    box-sizing: border-box;
    width: 23px;
    height: 12px;
    transform: rotate(-45deg);
    border: solid;
    border-width: 0 0 5px 5px;
    border-top-color: transparent;
    background: transparent;
  }
`;
