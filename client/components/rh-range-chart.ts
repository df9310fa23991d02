import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';

export interface RangeChartRow {
  label: string;
  /** 0–100; for a plain bar, 0. */
  low: number | null;
  /** 0–100; null when there is nothing to draw (not assessed). */
  high: number | null;
  /** Words after the bar, e.g. "2 of 3 teams". */
  note: string;
}

/**
 * A small chart of percentages drawn in SVG: one row per item, a bar from 0 (or a range from lowest
 * to highest) on a 0–100 scale with a dashed line at an optional threshold. The chart is a picture
 * of the data table its page shows beside it, which is what screen readers and print rely on, so the
 * SVG is one labelled image and never the only place a figure appears. No charting library: a few
 * rectangles need none, and nothing extra ships to the browser.
 *
 * @attr label - what the chart shows, read as the image's name
 * @attr threshold - 0–100, drawn as a dashed line; omitted draws none
 * @prop rows - the rows to draw
 */
@customElement('rh-range-chart')
export class RhRangeChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      max-width: 40rem;
    }

    svg {
      width: 100%;
      height: auto;
      font-family: inherit;
    }

    .label,
    .note {
      font-size: 14px;
      fill: var(--rh-colour-text);
    }

    .track {
      fill: var(--rh-colour-light-background);
      stroke: var(--rh-colour-text);
      stroke-width: 1;
    }

    .bar {
      fill: var(--rh-colour-brand);
    }

    .threshold {
      stroke: var(--rh-colour-text);
      stroke-width: 2;
      stroke-dasharray: 4 3;
    }

    @media print {
      .bar,
      .track {
        print-color-adjust: exact;
        -webkit-print-color-adjust: exact;
      }
    }
  `;

  @property() label = '';
  @property({ type: Number }) threshold: number | undefined;
  @property({ attribute: false }) rows: readonly RangeChartRow[] = [];

  override render() {
    const rowHeight = 44;
    // Narrow enough that, scaled to a phone's width, the 14 px labels stay readable.
    const width = 420;
    const left = 1;
    const trackWidth = 290;
    const height = Math.max(1, this.rows.length) * rowHeight + 8;
    const x = (percent: number) => left + (Math.min(100, Math.max(0, percent)) / 100) * trackWidth;
    return html`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${this.label}>
      ${this.rows.map((row, index) => {
        const top = index * rowHeight;
        const drawn = row.high !== null;
        const low = row.low ?? 0;
        const high = row.high ?? 0;
        return svg`
          <text class="label" x=${left} y=${top + 14}>${row.label}</text>
          <rect class="track" x=${left} y=${top + 20} width=${trackWidth} height="14"></rect>
          ${drawn ? svg`<rect class="bar" x=${x(low)} y=${top + 20} width=${Math.max(3, x(high) - x(low))} height="14"></rect>` : ''}
          <text class="note" x=${left + trackWidth + 10} y=${top + 32}>${row.note}</text>
        `;
      })}
      ${this.threshold === undefined
        ? ''
        : svg`<line class="threshold" x1=${x(this.threshold)} x2=${x(this.threshold)} y1="16" y2=${height - 4}></line>`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-range-chart': RhRangeChart;
  }
}
