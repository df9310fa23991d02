/** Shapes of the sign-in API, shared with the client. */
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

export const StaffRole = z.enum(['lead', 'assessor']);
export type StaffRole = z.infer<typeof StaffRole>;

export const SignInRequest = z
  .object({
    email: z.email('Enter an email address in the correct format, like name@example.org').max(320),
    password: z.string().min(1, 'Enter your password').max(1024),
  })
  .meta({ id: 'SignInRequest' });

export const ChangePasswordRequest = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Choose a new password of at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1024, 'Choose a new password of at most 1024 characters'),
  })
  .meta({ id: 'ChangePasswordRequest' });

export const StaffSession = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      displayName: z.string(),
      role: StaffRole,
      mustChangePassword: z.boolean(),
    }),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    /** Send back as the X-CSRF-Token header on every request that changes something. */
    csrfToken: z.string(),
  })
  .meta({ id: 'StaffSession' });
export type StaffSession = z.infer<typeof StaffSession>;

export const StaffList = z
  .object({
    staff: z.array(
      z.object({
        id: z.uuid(),
        displayName: z.string(),
        email: z.string(),
        role: StaffRole,
        /** Still on a one-time password: has not signed in and chosen their own since it was issued. */
        mustChangePassword: z.boolean(),
        /** Set when a lead disabled the account: it cannot sign in. */
        disabledAt: z.iso.datetime().nullable(),
        createdAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'StaffList' });
export type StaffList = z.infer<typeof StaffList>;

export const NewStaffRequest = z
  .object({
    email: z.email('Enter an email address in the correct format, like name@example.org').max(320),
    displayName: z.string().trim().min(1, 'Enter their name, as colleagues know it').max(100, 'Keep the name under 100 characters'),
    role: StaffRole,
  })
  .meta({ id: 'NewStaffRequest' });
export type NewStaffRequest = z.infer<typeof NewStaffRequest>;

/** The one-time password is shown to the lead once and never again; the person replaces it at first sign-in. */
export const NewStaffResponse = z
  .object({ id: z.uuid(), email: z.string(), oneTimePassword: z.string() })
  .meta({ id: 'NewStaffResponse' });
export type NewStaffResponse = z.infer<typeof NewStaffResponse>;

export const OneTimePasswordResponse = z.object({ oneTimePassword: z.string() }).meta({ id: 'OneTimePasswordResponse' });

export const StaffMemberParams = z.object({ userId: z.uuid('is not an account id') });

/** Disabling ends the person's sessions at once: the lead confirms it. */
export const DisableStaffRequest = z
  .object({ confirm: z.literal(true, 'Confirm that the account should be disabled') })
  .meta({ id: 'DisableStaffRequest' });
