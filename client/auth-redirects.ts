/**
 * Where a staff page sends people whose session cannot do what the page needs: to sign in when
 * there is no session, or to change a one-time password first. Page loads apply it through
 * LoadTask (controllers/load-task.ts); writes apply it to the error they get back.
 */
import type { ApiError } from './api/client.js';
import { requestNavigation } from './navigation.js';
import { setStaffSession } from './session-store.js';

/** Redirects and returns true when `error` means "sign in" or "change your password first". */
export function redirectIfSignInNeeded(from: EventTarget, error: ApiError): boolean {
  if (error.status === 401) {
    setStaffSession(null);
    requestNavigation(from, '/sign-in', { replace: true });
    return true;
  }
  if (error.status === 403 && error.code === 'password_change_required') {
    requestNavigation(from, '/change-password', { replace: true });
    return true;
  }
  return false;
}
