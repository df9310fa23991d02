/**
 * Finding and focusing elements across open shadow roots. `document.getElementById` and
 * `#fragment` links stop at a shadow boundary, but every Rehearse component renders into one.
 */

/** The first element matching `selector` in `root`, its light DOM first, then each open shadow root. */
export function deepQuerySelector(selector: string, root: ParentNode = document): Element | null {
  const match = root.querySelector(selector);
  if (match) return match;
  for (const element of root.querySelectorAll('*')) {
    if (!element.shadowRoot) continue;
    const nested = deepQuerySelector(selector, element.shadowRoot);
    if (nested) return nested;
  }
  return null;
}

export function findById(id: string): HTMLElement | null {
  const element = deepQuerySelector(`#${CSS.escape(id)}`);
  return element instanceof HTMLElement ? element : null;
}

/**
 * Focuses the form control with this id and scrolls its label (or its fieldset's legend) into view,
 * so the question stays visible above the control, as GOV.UK's error summary does.
 * Returns false when no such control exists.
 */
export function focusField(id: string): boolean {
  const field = findById(id);
  if (!field) return false;
  const question = questionFor(field);
  question?.scrollIntoView();
  field.focus({ preventScroll: question !== null });
  return true;
}

function questionFor(field: HTMLElement): Element | null {
  const legend = field.closest('fieldset')?.querySelector('legend');
  if (legend) return legend;
  const labelled = field as Partial<HTMLInputElement>;
  return labelled.labels?.[0] ?? null;
}

interface Updatable {
  readonly updateComplete: Promise<unknown>;
}

/**
 * Resolves once every Lit element in `root`, and in their shadow roots, has finished rendering,
 * so a page's heading exists before focus moves to it.
 */
export async function whenRendered(root: ParentNode): Promise<void> {
  for (const element of root.querySelectorAll('*')) {
    if ('updateComplete' in element) await (element as Updatable).updateComplete;
    if (element.shadowRoot) await whenRendered(element.shadowRoot);
  }
}
