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
    staff: z.array(z.object({ id: z.uuid(), displayName: z.string(), email: z.string(), role: StaffRole })),
  })
  .meta({ id: 'StaffList' });
export type StaffList = z.infer<typeof StaffList>;
