/** Pieces the review pages share: a scrollable table region, CSV links, small-number wording, styles. */
import { css, html, type TemplateResult } from 'lit';

/** "2 of 3 teams": what a small count is. */
export function countOf(count: number, total: number, noun = 'teams'): string {
  return `${count} of ${total} ${total === 1 ? noun.replace(/s$/, '') : noun}`;
}

/** "0–100%", or "67%" when every team scored the same; whole percentages, as there are few teams. */
export function rangeText(low: number | null, high: number | null): string {
  if (low === null || high === null) return 'Not assessed';
  const [a, b] = [Math.round(low), Math.round(high)];
  return a === b ? `${a}%` : `${a}–${b}%`;
}

/**
 * A wide table in a region that scrolls sideways on a phone, reachable and named for keyboard and
 * screen-reader users (a scrolling region must be focusable to be scrolled without a mouse).
 */
export function tableRegion(label: string, table: TemplateResult): TemplateResult {
  return html`<div class="table-region" role="region" aria-label=${label} tabindex="0">${table}</div>`;
}

export function csvLink(href: string, what: string): TemplateResult {
  return html`<p class="no-print csv"><a href=${href} download>Download ${what} as CSV</a></p>`;
}

export const reviewStyles = css`
  .table-region {
    overflow-x: auto;
    margin-bottom: var(--rh-space-4);
  }

  .table-region table {
    margin-bottom: var(--rh-space-2);
  }

  .chart-and-table {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--rh-space-4);
  }

  .csv {
    margin-top: 0;
  }

  .secondary {
    color: var(--rh-colour-secondary-text);
  }

  .changed {
    font-weight: var(--rh-font-weight-bold);
  }

  @media print {
    .no-print,
    rh-button {
      display: none !important;
    }

    .table-region {
      overflow: visible;
    }

    table,
    tr,
    figure {
      break-inside: avoid;
      page-break-inside: avoid;
    }

    h2,
    h3 {
      break-after: avoid;
      page-break-after: avoid;
    }
  }
`;
