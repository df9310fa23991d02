import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-page-layout.js';
import type { FieldError } from '../../components/form-parts.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { requestNavigation } from '../../navigation.js';
import { setStaffSession } from '../../session-store.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

const title = 'Sign in';

/**
 * Sign-in for L&D leads and assessors. Problems (missing answers, a wrong password, too many
 * attempts) appear in an error summary linked to the fields. After signing in, people with a
 * one-time password go on to change it; everyone else goes to their runs.
 */
@customElement('rh-sign-in-page')
export class RhSignInPage extends LitElement {
  static override styles = [typographyStyles, linkStyles, focusStyles];

  @state() private errors: FieldError[] = [];
  @state() private email = '';
  @state() private submitting = false;
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  override render() {
    return html`
      <rh-page-layout heading=${title}>
        <rh-error-summary .errors=${this.errors}></rh-error-summary>
        <p>Sign in as an L&amp;D lead or assessor. Teams do not sign in: they <a href="/join">join an exercise</a> with a code.</p>
        <form novalidate @submit=${this.submit}>
          <rh-field
            field-id="email"
            name="email"
            type="email"
            label="Email address"
            autocomplete="email"
            .value=${this.email}
            .error=${errorFor(this.errors, 'email')}
          ></rh-field>
          <rh-field
            field-id="password"
            name="password"
            type="password"
            label="Password"
            autocomplete="current-password"
            .error=${errorFor(this.errors, 'password')}
          ></rh-field>
          <rh-button>Sign in</rh-button>
        </form>
      </rh-page-layout>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const form = new FormData(event.target as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    this.email = email;
    const missing: FieldError[] = [
      ...(email === '' ? [{ fieldId: 'email', message: 'Enter your email address' }] : []),
      ...(password === '' ? [{ fieldId: 'password', message: 'Enter your password' }] : []),
    ];
    if (missing.length > 0) {
      this.errors = missing;
      return;
    }
    this.submitting = true;
    try {
      const session = await api.post('/auth/sign-in', { body: { email, password } });
      setStaffSession(session);
      requestNavigation(this, session.user.mustChangePassword ? '/change-password' : '/runs');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A wrong password or too many attempts is about the whole sign-in; it links to the first field.
      this.errors = fieldErrorsFrom(error, 'email');
    } finally {
      this.submitting = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-sign-in-page': RhSignInPage;
  }
}
