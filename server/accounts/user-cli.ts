/**
 * `npm run user -- create --org <slug> --role lead|assessor --email <address> [--name "Full name"]
 *  [--org-name "Force name"]`: creates a staff account and prints its one-time password.
 * --org-name creates the organisation when the slug is new.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { withConfiguredDatabase } from '../db/configured-database.js';
import { DomainError } from '../errors.js';
import { StartupError } from '../startup-error.js';
import { Slug } from '../packs/schema.js';
import { refuseUnsafeName } from '../unsafe-text.js';
import { findOrganisationBySlug, insertOrganisation } from './queries.js';
import { StaffRole } from './schema.js';
import { createStaffAccount } from './staff-accounts.js';

const usage =
  'usage: npm run user -- create --org <slug> --role lead|assessor --email <address> [--name "Full name"] [--org-name "Force name"]';

const CreateArguments = z.object({
  org: Slug,
  role: StaffRole,
  email: z.email('must be an email address'),
  name: z.string().trim().min(1).superRefine(refuseUnsafeName('The name')).optional(),
  'org-name': z.string().trim().min(1).superRefine(refuseUnsafeName('The organisation name')).optional(),
});

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      'org-name': { type: 'string' },
    },
  });
  if (positionals[0] !== 'create' || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const parsed = CreateArguments.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    console.error(`--${String(issue.path[0])}: ${issue.message}\n${usage}`);
    return 2;
  }
  const args = parsed.data;
  return withConfiguredDatabase(async (db) => {
    let organisation = await findOrganisationBySlug(db, args.org);
    if (!organisation) {
      if (!args['org-name']) {
        console.error(`There is no organisation "${args.org}". Add --org-name "Force name" to create it.`);
        return 1;
      }
      const id = await insertOrganisation(db, args.org, args['org-name']);
      organisation = { id, slug: args.org, name: args['org-name'] };
    }
    const { oneTimePassword } = await createStaffAccount(db, {
      organisationId: organisation.id,
      email: args.email,
      displayName: args.name ?? args.email,
      role: args.role,
    });
    console.log(`Created ${args.role} ${args.email} in ${organisation.name}.`);
    console.log(`One-time password: ${oneTimePassword} (a new password must be chosen at first sign-in)`);
    return 0;
  }, { whileTheAppRuns: 'leave it running and have a lead add the account on the Staff page' });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartupError || error instanceof DomainError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  },
);
