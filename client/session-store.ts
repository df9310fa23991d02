/**
 * Who is using this browser tab: the signed-in staff member and the team this browser joined, with
 * the CSRF token of each session. The app shell fills in the staff session at start; the sign-in,
 * sign-out, join and team pages update it. Elements that show session details subscribe through
 * SessionController; the API client (api/client.ts) reads the CSRF tokens from here.
 *
 * Staff and team sessions are separate cookies with separate CSRF tokens, and one browser can hold
 * both (a facilitator trying the join flow), so each keeps its own token.
 *
 * The session cookie is out of reach of script, so the store also keeps a flag in localStorage
 * saying a staff member signed in on this browser. It is only a hint of whether asking the server is
 * worthwhile: teams and visitors, who never sign in, are spared a request that can only fail.
 */
import type { StaffSession } from '../server/accounts/schema.js';
import type { TeamSession } from '../server/teams/schema.js';

type Listener = () => void;

/** `undefined` until the app shell has asked the server; `null` when nobody is signed in. */
let staff: StaffSession | null | undefined;
let team: TeamSession | null = null;
const listeners = new Set<Listener>();

export function currentStaff(): StaffSession | null | undefined {
  return staff;
}

export function currentTeam(): TeamSession | null {
  return team;
}

export function setStaffSession(session: StaffSession | null): void {
  staff = session;
  rememberSignedIn(session !== null);
  notify();
}

const signedInFlag = 'rehearse:staff-signed-in';

/** Whether a staff member signed in on this browser and has not signed out (see above). */
export function staffMaybeSignedIn(): boolean {
  try {
    return localStorage.getItem(signedInFlag) === 'yes';
  } catch {
    // Storage turned off: asking is the only way to know.
    return true;
  }
}

function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(signedInFlag, 'yes');
    else localStorage.removeItem(signedInFlag);
  } catch {
    // Storage turned off: nothing to remember with.
  }
}

export function setTeamSession(session: TeamSession | null): void {
  team = session;
  notify();
}

/** Calls `listener` after every change; returns a function that stops the calls. */
export function subscribeToSessions(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The CSRF token to send with a write to the API path `path` (without "/api"): team routes live
 * under "/team/" and check the team session's token; every other route checks the staff session's.
 * Public routes (sign-in, join) check none, and undefined means "send no header".
 */
export function csrfTokenFor(path: string): string | undefined {
  if (path.startsWith('/team/')) return team?.csrfToken;
  return staff?.csrfToken ?? undefined;
}

function notify(): void {
  for (const listener of listeners) listener();
}
