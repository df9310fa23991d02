/**
 * Asking the server who is signed in (GET /auth/session), at most once per page load, and putting
 * the answer in the session store. The app shell asks at start when a staff member may be signed in
 * on this browser; staff pages ask when the store does not know yet, since they need the role.
 */
import { api, ApiError } from './api/client.js';
import { currentStaff, setStaffSession } from './session-store.js';

let check: Promise<void> | undefined;

export function checkStaffSession(): Promise<void> {
  check ??= (async () => {
    try {
      setStaffSession(await api.get('/auth/session'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // 401: nobody is signed in on this browser.
      setStaffSession(null);
    }
  })();
  return check;
}

/** For staff pages: make sure the store knows who is signed in, asking only if it does not. */
export function ensureStaffSession(): void {
  if (!currentStaff()) void checkStaffSession();
}
