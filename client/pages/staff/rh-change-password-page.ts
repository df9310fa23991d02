import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import type { FieldError } from '../../components/form-parts.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { requestNavigation } from '../../navigation.js';
import { currentStaff, setStaffSession } from '../../session-store.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

const title = 'Change your password';
const minimumLength = 12;

/**
 * Replacing a password: the one-time password of a new account, or any password later. Changing it
 * signs the person out everywhere else. Afterwards they go to their runs.
 */
@customElement('rh-change-password-page')
export class RhChangePasswordPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  @state() private errors: FieldError[] = [];
  @state() private submitting = false;
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  override render() {
    return html`
      <rh-page-layout heading=${title}>
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        <p>If you were given a one-time password, choose your own before you continue.</p>
        <form novalidate @submit=${this.submit}>
          <rh-field
            field-id="currentPassword"
            name="currentPassword"
            type="password"
            label="Current password"
            autocomplete="current-password"
            .error=${errorFor(this.errors, 'currentPassword')}
          ></rh-field>
          <rh-field
            field-id="newPassword"
            name="newPassword"
            type="password"
            label="New password"
            hint=${`At least ${minimumLength} characters. A few unrelated words make a long password that is easy to remember.`}
            autocomplete="new-password"
            .error=${errorFor(this.errors, 'newPassword')}
          ></rh-field>
          <rh-button>Change password</rh-button>
        </form>
      </rh-page-layout>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const form = new FormData(event.target as HTMLFormElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const problems: FieldError[] = [
      ...(currentPassword === '' ? [{ fieldId: 'currentPassword', message: 'Enter your current password' }] : []),
      ...(newPassword === ''
        ? [{ fieldId: 'newPassword', message: 'Enter a new password' }]
        : newPassword.length < minimumLength
          ? [{ fieldId: 'newPassword', message: `Choose a new password of at least ${minimumLength} characters` }]
          : []),
    ];
    if (problems.length > 0) {
      this.errors = problems;
      return;
    }
    this.submitting = true;
    try {
      await api.post('/auth/password', { body: { currentPassword, newPassword } });
      const staff = currentStaff();
      if (staff) setStaffSession({ ...staff, user: { ...staff.user, mustChangePassword: false } });
      requestNavigation(this, '/runs');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401 && redirectIfSignInNeeded(this, error)) return;
      this.errors = fieldErrorsFrom(error, 'currentPassword');
    } finally {
      this.submitting = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-change-password-page': RhChangePasswordPage;
  }
}
