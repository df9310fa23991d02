/**
 * Re-renders its host whenever the staff or team session in session-store.ts changes, and gives the
 * host the current values. With `askForStaff`, connecting the host asks the server who is signed in
 * if the store does not know yet (staff pages need the role).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StaffSession } from '../../server/accounts/schema.js';
import type { TeamSession } from '../../server/teams/schema.js';
import { currentStaff, currentTeam, subscribeToSessions } from '../session-store.js';
import { ensureStaffSession } from '../staff-session.js';

export class SessionController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { readonly askForStaff?: boolean } = {},
  ) {
    host.addController(this);
  }

  /** `undefined` until the app shell has checked; `null` when nobody is signed in. */
  get staff(): StaffSession | null | undefined {
    return currentStaff();
  }

  get team(): TeamSession | null {
    return currentTeam();
  }

  hostConnected(): void {
    this.unsubscribe = subscribeToSessions(() => this.host.requestUpdate());
    if (this.options.askForStaff) ensureStaffSession();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
