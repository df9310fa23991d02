import { LitElement, css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusStyles, linkStyles, visuallyHiddenStyles } from '../styles/shared.js';

export interface SummaryRow {
  readonly key: string;
  /** Text, or a template for values that need markup (a tag, a link). */
  readonly value: string | TemplateResult;
  /** Where to change the answer; without it the row has no action. */
  readonly href?: string;
  /** The action's visible text, "Change" unless given. */
  readonly actionLabel?: string;
}

/**
 * GOV.UK's summary list ("check your answers"): keys and values as a description list, with an
 * optional action link per row. Each link ends with the row's key in visually hidden text, so out
 * of context it still says what it changes ("Change team name").
 *
 * @prop rows - `{ key, value, href?, actionLabel? }[]`
 */
@customElement('rh-summary-list')
export class RhSummaryList extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    linkStyles,
    focusStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-6);
      }

      dl {
        margin: 0;
      }

      .row {
        padding: var(--rh-space-2) 0;
        border-bottom: 1px solid var(--rh-colour-border);
      }

      dt {
        margin-bottom: var(--rh-space-1);
        font-weight: var(--rh-font-weight-bold);
      }

      dd {
        margin: 0;
        overflow-wrap: break-word;
      }

      /* Keeps the line breaks of multi-line answers. */
      .value {
        white-space: pre-wrap;
      }

      .actions {
        margin-top: var(--rh-space-1);
      }

      @media (min-width: 40.0625em) {
        dl {
          display: table;
          width: 100%;
          table-layout: fixed;
          border-collapse: collapse;
        }

        .row {
          display: table-row;
        }

        dt,
        dd {
          display: table-cell;
          padding: var(--rh-space-2) var(--rh-space-4) var(--rh-space-2) 0;
          border-bottom: 1px solid var(--rh-colour-border);
        }

        dt {
          width: 30%;
        }

        .actions {
          width: 20%;
          padding-right: 0;
          text-align: right;
        }
      }
    `,
  ];

  @property({ attribute: false }) rows: readonly SummaryRow[] = [];

  override render() {
    const anyActions = this.rows.some((row) => row.href);
    return html`<dl>${this.rows.map((row) => this.renderRow(row, anyActions))}</dl>`;
  }

  private renderRow(row: SummaryRow, anyActions: boolean) {
    return html`
      <div class="row">
        <dt>${row.key}</dt>
        <dd class="value">${row.value}</dd>
        ${row.href
          ? html`<dd class="actions">
              <a href=${row.href}>${row.actionLabel ?? 'Change'}<span class="visually-hidden"> ${row.key.toLowerCase()}</span></a>
            </dd>`
          : anyActions
            ? html`<dd class="actions"></dd>`
            : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-summary-list': RhSummaryList;
  }
}
