/**
 * The marking screen's keyboard shortcuts: number keys choose a level of the criterion on screen,
 * "n" and "p" (or Alt+→ and Alt+←) move to the next or previous criterion. None of them act while
 * focus is in a text field, where those keys type, or with Ctrl or Cmd held, which the browser owns.
 */

export type MarkingKeyAction = { readonly kind: 'level'; readonly index: number } | { readonly kind: 'next' } | { readonly kind: 'previous' };

export interface MarkingKey {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/** What a key press asks for, or undefined for a key that is not a shortcut. */
export function markingKeyAction(event: MarkingKey, inTextField: boolean): MarkingKeyAction | undefined {
  if (inTextField || event.ctrlKey || event.metaKey) return undefined;
  if (event.altKey) {
    if (event.key === 'ArrowRight') return { kind: 'next' };
    if (event.key === 'ArrowLeft') return { kind: 'previous' };
    return undefined;
  }
  if (/^[1-9]$/.test(event.key)) return { kind: 'level', index: Number(event.key) - 1 };
  if (event.key === 'n' || event.key === 'N') return { kind: 'next' };
  if (event.key === 'p' || event.key === 'P') return { kind: 'previous' };
  return undefined;
}

const textInputTypes = new Set(['text', 'email', 'password', 'search', 'tel', 'url', 'number', 'date']);

/** Whether the element a key press started in takes typed text (looked up through shadow roots by the caller). */
export function isTextField(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && textInputTypes.has(target.type);
}
