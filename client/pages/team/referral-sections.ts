/**
 * The referral (the call and the email) and the analyst's profiles, as a team sees them: one
 * definition for the team's referral page and the lead's preview of it, so the preview cannot drift.
 */
import { html, nothing } from 'lit';
import '../../components/rh-call-transcript.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-profile-document.js';
import '../../components/rh-referral-email.js';
import type { TeamScenarioView } from './team-workspace.js';

/** `heldBack`: in the lead's preview, the research teams see only once released, marked as such. */
export function referralSections(view: TeamScenarioView, heldBack: ReadonlySet<string> = new Set()) {
  return html`
    <section aria-labelledby="referral-heading">
      <h2 id="referral-heading">The referral</h2>
      <h3>Phone call</h3>
      <rh-call-transcript .call=${view.referral.call}></rh-call-transcript>
      <h3>Email</h3>
      <rh-referral-email .email=${view.referral.email}></rh-referral-email>
    </section>
    <section aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">Analyst profiles</h2>
      ${view.profiles.map(
        (profile) =>
          html`${heldBack.has(profile.id) ? html`<rh-inset-text><strong>Held back:</strong> teams see this only when released.</rh-inset-text>` : nothing}
            <rh-profile-document .profile=${profile}></rh-profile-document>`,
      )}
    </section>
  `;
}
