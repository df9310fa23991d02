/**
 * Styles every component shares. Document CSS does not reach into shadow roots, so each component
 * adds the pieces it needs to its own `static styles`.
 */
import { css } from 'lit';

/** Hides text visually but keeps it for screen readers (e.g. "Error:" before an error message). */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
    user-select: none;
  }
`;

/**
 * The focus indicator: the yellow focus colour paired with a thick dark edge, so it stands out
 * against any background. The transparent outline keeps a ring in Windows high-contrast mode.
 */
export const focusStyles = css`
  a:focus-visible {
    outline: var(--rh-focus-width) solid transparent;
    background-color: var(--rh-colour-focus);
    box-shadow: 0 -2px var(--rh-colour-focus), 0 4px var(--rh-colour-focus-text);
    color: var(--rh-colour-focus-text);
    text-decoration: none;
    -webkit-box-decoration-break: clone;
    box-decoration-break: clone;
  }

  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: var(--rh-focus-width) solid var(--rh-colour-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 var(--rh-border-width-input) var(--rh-colour-focus-text);
  }

  /* Headings and regions that receive focus from script, not from the Tab key. */
  [tabindex='-1']:focus {
    outline: none;
  }
`;

export const linkStyles = css`
  a {
    color: var(--rh-colour-link);
    text-decoration: underline;
    text-decoration-thickness: max(1px, 0.0625rem);
    text-underline-offset: 0.15em;
  }

  a:visited {
    color: var(--rh-colour-link-visited);
  }

  a:hover {
    color: var(--rh-colour-link-hover);
    text-decoration-thickness: max(3px, 0.1875rem, 0.12em);
  }

  a:active {
    color: var(--rh-colour-link-active);
  }
`;

/** Headings, paragraphs and lists, including those rendered from pack Markdown. */
export const typographyStyles = css`
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: 0 0 var(--rh-space-4);
    font-weight: var(--rh-font-weight-bold);
    line-height: 1.15;
  }

  h1 {
    margin-bottom: var(--rh-space-6);
    font-size: var(--rh-font-size-heading-xl);
  }

  h2 {
    margin-top: var(--rh-space-6);
    font-size: var(--rh-font-size-heading-l);
  }

  h3 {
    margin-top: var(--rh-space-5);
    font-size: var(--rh-font-size-heading-m);
  }

  h4,
  h5,
  h6 {
    margin-top: var(--rh-space-4);
    font-size: var(--rh-font-size-heading-s);
  }

  p,
  ul,
  ol,
  blockquote,
  pre {
    margin: 0 0 var(--rh-space-4);
  }

  ul,
  ol {
    padding-left: var(--rh-space-4);
  }

  li {
    margin-bottom: var(--rh-space-1);
  }

  .lead {
    font-size: var(--rh-font-size-lead);
  }

  .secondary-text {
    color: var(--rh-colour-secondary-text);
  }
`;

/** GOV.UK-style tables: full width, left-aligned, a rule under each row, the caption as a heading. */
export const tableStyles = css`
  table {
    width: 100%;
    margin-bottom: var(--rh-space-6);
    border-spacing: 0;
    border-collapse: collapse;
  }

  caption {
    margin-bottom: var(--rh-space-2);
    font-size: var(--rh-font-size-heading-m);
    font-weight: var(--rh-font-weight-bold);
    text-align: left;
  }

  th,
  td {
    padding: var(--rh-space-2) var(--rh-space-4) var(--rh-space-2) 0;
    border-bottom: 1px solid var(--rh-colour-border);
    text-align: left;
    vertical-align: top;
  }

  th:last-child,
  td:last-child {
    padding-right: 0;
  }

  thead th {
    font-weight: var(--rh-font-weight-bold);
  }

  /* Wide tables scroll sideways inside this wrapper instead of widening the page. */
  /* position: relative makes it the containing block of visually hidden text inside, which would
     otherwise escape the scrolling and widen the page. */
  .table-scroll {
    position: relative;
    overflow-x: auto;
  }

  /* On paper nothing scrolls: the table wraps to the page instead of being cut off. */
  @media print {
    .table-scroll {
      overflow: visible;
    }
  }

  /* The wrapper takes focus (tabindex="0", a named region) so keyboard users can scroll it too. */
  .table-scroll:focus-visible {
    outline: var(--rh-focus-width) solid var(--rh-colour-focus);
    outline-offset: 2px;
  }
`;

/** GOV.UK's details pattern: a link-styled summary that toggles more text, with the standard focus. */
export const detailsStyles = css`
  details {
    margin-bottom: var(--rh-space-6);
  }

  summary {
    color: var(--rh-colour-link);
    cursor: pointer;
    text-decoration: underline;
  }

  summary:focus-visible {
    outline: var(--rh-focus-width) solid transparent;
    background-color: var(--rh-colour-focus);
    box-shadow: 0 -2px var(--rh-colour-focus), 0 4px var(--rh-colour-focus-text);
    color: var(--rh-colour-focus-text);
    text-decoration: none;
  }
`;
