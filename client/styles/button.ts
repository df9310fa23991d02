import { css } from 'lit';

/**
 * GOV.UK's button look, shared by <rh-button> (a native button) and <rh-button-link> (a link that
 * looks like one): both render their control with class "button" and add only what differs.
 */
export const buttonStyles = css`
  :host {
    display: block;
    margin-bottom: var(--rh-space-6);
  }

  .button {
    --button-background: var(--rh-colour-button-primary);
    --button-hover: var(--rh-colour-button-primary-hover);
    --button-shadow: var(--rh-colour-button-primary-shadow);
    --button-text: var(--rh-colour-on-brand);

    position: relative;
    box-sizing: border-box;
    margin: 0 0 2px;
    padding: 8px var(--rh-space-2) 7px;
    border: var(--rh-border-width-input) solid transparent;
    background-color: var(--button-background);
    box-shadow: 0 2px 0 var(--button-shadow);
    color: var(--button-text);
    line-height: 1.1875;
    text-align: center;
  }

  :host([variant='secondary']) .button {
    --button-background: var(--rh-colour-button-secondary);
    --button-hover: var(--rh-colour-button-secondary-hover);
    --button-shadow: var(--rh-colour-button-secondary-shadow);
    --button-text: var(--rh-colour-text);
  }

  :host([variant='warning']) .button {
    --button-background: var(--rh-colour-button-warning);
    --button-hover: var(--rh-colour-button-warning-hover);
    --button-shadow: var(--rh-colour-button-warning-shadow);
  }

  .button:hover {
    background-color: var(--button-hover);
  }

  .button:active {
    top: 2px;
  }

  .button:focus-visible {
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
  }
`;
