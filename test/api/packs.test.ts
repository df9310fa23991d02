import { describe, expect, it } from 'vitest';
import { importPack, PackVersionConflict } from '../../server/packs/import.js';
import { useTestApp } from '../helpers/app.js';
import { packWithHeldBackResearch, testPack } from '../helpers/packs.js';
import { signedInStaff } from '../helpers/staff.js';

const context = useTestApp();

describe('importing packs', () => {
  it('imports a version once; importing the same content again changes nothing', async () => {
    const first = await importPack(context.app.database.db, testPack('2.0.0'));
    const again = await importPack(context.app.database.db, testPack('2.0.0'));
    expect(first.status).toBe('imported');
    expect(again).toEqual({ status: 'unchanged', packVersionId: first.packVersionId });
  });

  it('refuses changed content under a version that is already imported', async () => {
    await importPack(context.app.database.db, testPack('3.0.0'));
    await expect(importPack(context.app.database.db, testPack('3.0.0', 'Edited title'))).rejects.toThrow(PackVersionConflict);
    await expect(importPack(context.app.database.db, testPack('3.0.0', 'Edited title'))).rejects.toThrow(
      'test-pack@3.0.0 is already imported with different content. Give the changed pack a new version in pack.yaml',
    );
  });

  it('keeps the objectives and criteria of each version queryable as rows', async () => {
    const { packVersionId } = await importPack(context.app.database.db, testPack('4.0.0'));
    const criteria = await context.app.database.db
      .selectFrom('packCriteria')
      .select(['criterionId', 'objectiveId', 'kind', 'maxPoints'])
      .where('packVersionId', '=', packVersionId)
      .execute();
    expect(criteria).toEqual([
      { criterionId: 'refers-csc', objectiveId: 'safeguard', kind: 'automatic', maxPoints: '2' },
      { criterionId: 'referral-rationale', objectiveId: 'safeguard', kind: 'judgement', maxPoints: '4' },
    ]);
  });
});

describe('the packs API', () => {
  it('gives leads summaries of the packs they can run', async () => {
    await importPack(context.app.database.db, testPack('1.0.0'));
    const lead = await signedInStaff(context.app, 'lead');
    const response = await context.app.inject({ method: 'GET', url: '/api/packs', headers: lead.headers });
    expect(response.statusCode).toBe(200);
    const summary = response.json().packs.find((pack: { version: string }) => pack.version === '1.0.0');
    expect(summary).toMatchObject({
      packId: 'test-pack',
      title: 'Test pack',
      ownedByOrganisation: false,
      counts: { instrumentItems: 1, injects: 8, microTeaches: 1, criteria: 2 },
      scenarios: [
        { id: 'household', title: 'Children at home' },
        { id: 'work', title: 'Works with children' },
      ],
    });
  });

  it('asks for sign-in before showing packs', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/packs' });
    expect(response.statusCode).toBe(401);
  });

  it('shows a scenario as a team sees it, without rubric, model answers, notes or injects', async () => {
    await importPack(context.app.database.db, testPack('1.0.0'));
    const assessor = await signedInStaff(context.app, 'assessor');
    const response = await context.app.inject({
      method: 'GET',
      url: '/api/packs/test-pack/versions/1.0.0/scenarios/household/team-view',
      headers: assessor.headers,
    });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.scenario).toEqual({ id: 'household', title: 'Children at home' });
    expect(view.decisionPoints[0].options).toEqual([
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
    ]);
    for (const secret of ['RUBRIC-CRITERION', 'MODEL-ANSWER', 'MODEL-RATIONALE', 'ASSESSOR-NOTES', 'FACILITATOR-ONLY', 'FACILITATOR-NOTE', 'Should I worry?', '"points"']) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('previews held-back research with everything else, and names it as held back', async () => {
    await importPack(context.app.database.db, packWithHeldBackResearch());
    const lead = await signedInStaff(context.app, 'lead');
    const response = await context.app.inject({ method: 'GET', url: '/api/packs/held-back-pack/versions/1.0.0/scenarios/household/team-view', headers: lead.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().profiles.map((profile: { id: string }) => profile.id)).toEqual(['subject', 'address-research']);
    expect(response.json().heldBackProfileIds).toEqual(['address-research']);
  });

  it('answers an unknown pack version or scenario with a 404 that names it', async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const missingVersion = await context.app.inject({ method: 'GET', url: '/api/packs/test-pack/versions/9.9.9', headers: lead.headers });
    expect(missingVersion.statusCode).toBe(404);
    expect(missingVersion.json().error.message).toBe('No pack test-pack@9.9.9 has been imported.');
    await importPack(context.app.database.db, testPack('1.0.0'));
    const missingScenario = await context.app.inject({
      method: 'GET',
      url: '/api/packs/test-pack/versions/1.0.0/scenarios/nope/team-view',
      headers: lead.headers,
    });
    expect(missingScenario.statusCode).toBe(404);
    expect(missingScenario.json().error.message).toBe('test-pack@1.0.0 has no scenario "nope".');
  });
});
