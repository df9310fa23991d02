/**
 * Who may call what, as one reviewed table: every API route with its access rule, compared with the
 * committed route-access.snapshot.json. A new route, or a changed rule, fails here until the
 * snapshot is rewritten (UPDATE_ROUTE_SNAPSHOT=1) and the change to it is reviewed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { testConfig, useTestApp } from '../helpers/app.js';

const context = useTestApp();
const snapshotFile = path.join(import.meta.dirname, 'route-access.snapshot.json');

function formatTable(table: ReadonlyArray<{ method: string; url: string; access: string }>): string {
  const rows = table
    .map(({ method, url, access }) => ({ method, url, access }))
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  return `[\n${rows.map((row) => `  ${JSON.stringify(row)}`).join(',\n')}\n]\n`;
}

describe('the route access table', () => {
  it('lists every API route with the access rule that was reviewed for it', async () => {
    const table = formatTable(context.app.accessTable);
    if (process.env.UPDATE_ROUTE_SNAPSHOT === '1') await writeFile(snapshotFile, table);
    expect(table).toBe(await readFile(snapshotFile, 'utf8'));
  });

  describe('refuses to start', () => {
    async function addRouteToNewApp(url: string, config: object) {
      const app = await buildApp(testConfig({ database: context.database.config }), { database: context.database.handle, injectClock: false });
      try {
        app.get(url, { config }, async () => 'x');
      } finally {
        await app.close();
      }
    }

    it('when an API route declares no access rule', async () => {
      await expect(addRouteToNewApp('/api/forgotten', {})).rejects.toThrow('GET /api/forgotten must declare config.access');
    });

    it('when a route under a run declares a rule that does not say how the caller relates to the run', async () => {
      await expect(addRouteToNewApp('/api/runs/:runId/forgotten', { access: 'staff' })).rejects.toThrow(
        'GET /api/runs/:runId/forgotten: the run-* access rules are for the routes under /api/runs/:runId, and only those',
      );
    });

    it('when a run rule is declared outside the run scope, where no run is loaded', async () => {
      await expect(addRouteToNewApp('/api/elsewhere', { access: 'run-staff' })).rejects.toThrow('GET /api/elsewhere: the run-* access rules');
    });

    it('when a team route is declared outside the team scope, or a team-scope route for someone else', async () => {
      await expect(addRouteToNewApp('/api/elsewhere', { access: 'team' })).rejects.toThrow('GET /api/elsewhere: the team access rule');
      await expect(addRouteToNewApp('/api/team/elsewhere', { access: 'staff' })).rejects.toThrow('GET /api/team/elsewhere: the team access rule');
    });
  });
});
