import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../api/client.js';
import type { ApiData } from '../../api/client.js';
import { redirectIfSignInNeeded } from '../../auth-redirects.js';
import '../../components/rh-button.js';
import '../../components/rh-error-summary.js';
import '../../components/rh-field.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import '../../components/rh-radios.js';
import '../../components/rh-tag.js';
import type { FieldError } from '../../components/form-parts.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import { errorFor, fieldErrorsFrom } from '../../form-errors.js';
import { whenPartLoaded } from '../../loading.js';
import { focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../../styles/shared.js';

type StaffMember = ApiData<'/staff', 'get'>['staff'][number];

/** A one-time password to hand over: shown once, for the account it belongs to. */
interface IssuedPassword {
  readonly email: string;
  readonly oneTimePassword: string;
  readonly why: 'added' | 'reset';
}

/**
 * A lead manages the organisation's staff accounts: lists leads and assessors, adds one (its
 * one-time password is shown once, to hand over in person), resets a password (a new one-time
 * password; their sessions end) and disables or enables an account. Disabling asks first, and a
 * lead cannot disable or reset their own account here. The command line (`npm run user`) remains
 * the way to create the first lead.
 */
@customElement('rh-staff-page')
export class RhStaffPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    tableStyles,
    visuallyHiddenStyles,
    css`
      .table-wrap {
        overflow-x: auto;
      }

      .password {
        font-family: ui-monospace, monospace;
        font-size: var(--rh-font-size-heading-m, 1.5rem);
        font-weight: var(--rh-font-weight-bold);
        overflow-wrap: anywhere;
      }

      .confirm {
        margin-bottom: var(--rh-space-6);
        padding: var(--rh-space-4);
        border: var(--rh-border-width-emphasis) solid var(--rh-colour-text);
      }

      .confirm h2 {
        margin-top: 0;
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--rh-space-4);
      }

      td .actions rh-button {
        margin-bottom: 0;
      }

      /* On a phone each account is a block of its own rather than a row too wide for the screen. */
      @media (max-width: 40em) {
        table,
        tbody,
        tr,
        th,
        td {
          display: block;
        }

        thead {
          display: none;
        }

        tr {
          padding: var(--rh-space-2) 0;
          border-bottom: 1px solid var(--rh-colour-border);
        }

        th,
        td {
          border: 0;
          padding: var(--rh-space-1) 0;
        }

        td[data-label]::before {
          content: attr(data-label) ': ';
          font-weight: var(--rh-font-weight-bold);
        }
      }
    `,
  ];

  private readonly session = new SessionController(this, { askForStaff: true });
  private readonly staff = new LoadTask(this, { args: () => [], load: (_args, signal) => api.get('/staff', { signal }), staff: true });
  private readonly documentTitle = new PageTitleController(this, () => ({ hasErrors: this.errors.length > 0 }));

  @state() private errors: FieldError[] = [];
  @state() private issued: IssuedPassword | undefined;
  @state() private confirmingDisable: StaffMember | undefined;
  @state() private done = '';
  @state() private newRole = 'assessor';
  @state() private busy = false;

  override updated(): void {
    const fresh = this.renderRoot.querySelector<HTMLElement>('[data-new]');
    if (fresh) {
      fresh.removeAttribute('data-new');
      fresh.focus();
    }
  }

  override render() {
    return html`<rh-page-layout heading="Staff accounts">
      <rh-error-summary .errors=${this.errors}></rh-error-summary>
      ${this.renderIssued()} ${this.done ? html`<rh-notification-banner type="success"><p>${this.done}</p></rh-notification-banner>` : nothing}
      ${this.renderConfirmDisable()}
      ${whenPartLoaded(this.staff.state, 'Loading your organisation’s staff…', ({ staff }) => this.renderStaff(staff))} ${this.renderAddForm()}
    </rh-page-layout>`;
  }

  private renderIssued() {
    if (!this.issued) return nothing;
    const { email, oneTimePassword, why } = this.issued;
    return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="issued-heading">
      <h2 id="issued-heading">${why === 'added' ? `Account created for ${email}` : `Password reset for ${email}`}</h2>
      <p>Their one-time password is shown only now. Give it to them in person or by phone, not by email:</p>
      <p class="password" id="one-time-password">${oneTimePassword}</p>
      <p>They sign in with it at /sign-in and then choose their own password.</p>
      <rh-button type="button" variant="secondary" @click=${() => (this.issued = undefined)}>I have noted it down</rh-button>
    </section>`;
  }

  private renderConfirmDisable() {
    const member = this.confirmingDisable;
    if (!member) return nothing;
    return html`<section class="confirm" tabindex="-1" data-new aria-labelledby="disable-heading">
      <h2 id="disable-heading">Disable ${member.displayName}’s account?</h2>
      <p>
        ${member.displayName} (${member.email}) is signed out everywhere at once and cannot sign in until a lead enables the account again. Their marks and
        the audit log are kept.
      </p>
      <div class="actions">
        <rh-button id="confirm-disable" type="button" variant="warning" ?disabled=${this.busy} @click=${() => this.disable(member)}
          >Yes, disable the account</rh-button
        >
        <rh-button type="button" variant="secondary" @click=${() => this.cancelDisable(member)}>Cancel</rh-button>
      </div>
    </section>`;
  }

  private renderStaff(staff: readonly StaffMember[]) {
    const me = this.session.staff?.user.id;
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Leads and assessors of your organisation</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${staff.map(
            (member) => html`<tr>
              <th scope="row">${member.displayName}<br /><span>${member.email}</span></th>
              <td data-label="Role">${member.role === 'lead' ? 'L&D lead' : 'Assessor'}</td>
              <td data-label="Status">
                ${member.disabledAt
                  ? html`<rh-tag colour="red">Disabled</rh-tag>`
                  : member.mustChangePassword
                    ? html`<rh-tag colour="yellow">One-time password</rh-tag>`
                    : html`<rh-tag colour="green">Active</rh-tag>`}
              </td>
              <td>
                ${member.id === me
                  ? html`<span>This is you. <a href="/change-password">Change your password</a></span>`
                  : html`<div class="actions">
                      <rh-button id=${`reset-${member.id}`} type="button" variant="secondary" ?disabled=${this.busy} @click=${() => this.reset(member)}
                        >Reset password<span class="visually-hidden"> for ${member.displayName}</span></rh-button
                      >
                      ${member.disabledAt
                        ? html`<rh-button id=${`enable-${member.id}`} type="button" variant="secondary" ?disabled=${this.busy} @click=${() => this.enable(member)}
                            >Enable<span class="visually-hidden"> ${member.displayName}</span></rh-button
                          >`
                        : html`<rh-button
                            id=${`disable-${member.id}`}
                            type="button"
                            variant="warning"
                            ?disabled=${this.busy}
                            @click=${() => this.askToDisable(member)}
                            >Disable<span class="visually-hidden"> ${member.displayName}</span></rh-button
                          >`}
                    </div>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderAddForm() {
    return html`<h2>Add a lead or assessor</h2>
      <form novalidate @submit=${this.add}>
        <rh-field field-id="displayName" name="displayName" label="Name" hint="As colleagues know them, like DS Sam Okafor" .error=${errorFor(this.errors, 'displayName')}></rh-field>
        <rh-field field-id="email" name="email" type="email" autocomplete="off" label="Email address" .error=${errorFor(this.errors, 'email')}></rh-field>
        <rh-radios
          field-id="role"
          name="role"
          legend="Role"
          .options=${[
            { value: 'assessor', label: 'Assessor', hint: 'Marks the runs they are assigned to and can play partner agencies' },
            { value: 'lead', label: 'L&D lead', hint: 'Also creates runs, manages staff and releases results' },
          ]}
          .value=${this.newRole}
          .error=${errorFor(this.errors, 'role')}
          @rh-change=${(event: CustomEvent<{ value: string }>) => (this.newRole = event.detail.value)}
        ></rh-radios>
        <rh-button ?disabled=${this.busy}>Add account</rh-button>
      </form>`;
  }

  private async act(fallbackFieldId: string, action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.done = '';
    try {
      await action();
      this.errors = [];
      this.staff.run();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (redirectIfSignInNeeded(this, error)) return;
      this.errors = fieldErrorsFrom(error, fallbackFieldId);
    } finally {
      this.busy = false;
    }
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const displayName = String(form.get('displayName') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const problems: FieldError[] = [
      ...(displayName === '' ? [{ fieldId: 'displayName', message: 'Enter their name, as colleagues know it' }] : []),
      ...(email === '' ? [{ fieldId: 'email', message: 'Enter their email address, like name@example.org' }] : []),
    ];
    if (problems.length > 0) {
      this.errors = problems;
      return;
    }
    const role = this.newRole === 'lead' ? 'lead' : 'assessor';
    await this.act('email', async () => {
      const created = await api.post('/staff', { body: { displayName, email, role } });
      this.issued = { email: created.email, oneTimePassword: created.oneTimePassword, why: 'added' };
      formElement.reset();
      for (const field of formElement.querySelectorAll('rh-field')) field.value = '';
    });
  }

  private reset(member: StaffMember): Promise<void> {
    this.confirmingDisable = undefined;
    return this.act(`reset-${member.id}`, async () => {
      const { oneTimePassword } = await api.post('/staff/{userId}/password-reset', { params: { path: { userId: member.id } } });
      this.issued = { email: member.email, oneTimePassword, why: 'reset' };
    });
  }

  private askToDisable(member: StaffMember): void {
    this.issued = undefined;
    this.errors = [];
    this.confirmingDisable = member;
  }

  private cancelDisable(member: StaffMember): void {
    this.confirmingDisable = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#disable-${member.id}`)?.focus());
  }

  private disable(member: StaffMember): Promise<void> {
    return this.act('confirm-disable', async () => {
      await api.post('/staff/{userId}/disable', { params: { path: { userId: member.id } }, body: { confirm: true } });
      this.confirmingDisable = undefined;
      this.done = `${member.displayName}’s account is disabled and their sessions have ended.`;
    });
  }

  private enable(member: StaffMember): Promise<void> {
    return this.act(`enable-${member.id}`, async () => {
      await api.post('/staff/{userId}/enable', { params: { path: { userId: member.id } } });
      this.done = `${member.displayName} can sign in again.`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-staff-page': RhStaffPage;
  }
}
