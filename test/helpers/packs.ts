/** A small, valid pack built in code, for API tests that need one imported. */
import type { App } from '../../server/app.js';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';

function scenario(id: string, title: string) {
  return {
    id,
    title,
    facilitatorSummary: `FACILITATOR-ONLY summary of ${id}`,
    referral: {
      call: {
        caller: 'DC Rowan Hale',
        callerRole: 'CEOP referrals desk',
        callerPhone: '020 7946 0123',
        receivedAt: 'Monday 09:05',
        transcript: [{ speaker: 'DC Hale', text: `A referral for ${title}.` }],
      },
      email: { from: 'referrals@example.org', to: 'ppu@example.org', subject: `Referral ${id}`, sentAt: 'Monday 09:20', body: 'Details attached.' },
    },
    profiles: [{ id: 'subject', title: 'Subject profile', subject: { name: 'Alex Example', address: '1 Fictional Row, Westbrook' } }],
    injects: [
      { id: 'csc-reply', title: 'CSC reply', from: 'CSC', body: 'Known to us.', trigger: { type: 'decision', decision: 'refer-csc', options: ['yes'] } },
      { id: 'partner-call', title: 'Partner calls', from: 'Partner', body: 'Should I worry?', trigger: { type: 'manual' }, facilitatorNote: 'FACILITATOR-NOTE tests judgement' },
      { id: 'inspector-check', title: 'Duty inspector asks for an update', from: 'Duty inspector', body: 'Where are we?', trigger: { type: 'time', minutesAfterStart: 30 } },
      { id: 'kirat-lesson', title: 'Time for the KIRAT', from: 'Facilitator', body: 'Complete the KIRAT now.', trigger: { type: 'manual' }, microTeach: 'kirat' },
    ],
    decisionPoints: [
      { id: 'refer-csc', question: "Refer to Children's Social Care?", options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] },
    ],
    meetings: [
      {
        id: 'strategy-discussion',
        kind: 'strategy-discussion',
        title: 'Strategy discussion',
        chair: { by: 'staff', role: 'CSC team manager' },
        agencies: ['csc'],
        agenda: [{ id: 'information-sharing', title: 'Information sharing' }],
        convenedBy: { decision: 'refer-csc', options: ['yes'] },
        facilitatorNote: 'FACILITATOR-NOTE chair firmly',
      },
    ],
    modelAnswer: {
      expectedBand: 'high',
      summary: 'MODEL-ANSWER summary',
      decisions: [{ decision: 'refer-csc', expected: ['yes'], rationale: 'MODEL-RATIONALE children in the household' }],
    },
    assessorNotes: 'ASSESSOR-NOTES look for timing',
  };
}

export function testPack(version = '1.0.0', title = 'Test pack') {
  return Pack.parse({
    meta: {
      id: 'test-pack',
      title,
      version,
      exerciseType: 'iioc',
      summary: 'A pack for tests.',
      objectives: [{ id: 'safeguard', text: 'Safeguard children' }],
      agencies: [{ id: 'csc', name: "Children's Social Care", description: 'The local authority children’s services.' }],
    },
    instrument: {
      id: 'practice',
      title: 'Practice instrument',
      sections: [
        {
          id: 'access',
          title: 'Access to children',
          items: [
            { id: 'children-in-household', label: 'Children in the household?', kind: 'yes-no-unknown', required: true, points: { yes: 3 } },
          ],
        },
      ],
      bands: [
        { id: 'low', label: 'Low', minScore: 0, description: 'Planned action.' },
        { id: 'high', label: 'High', minScore: 3, description: 'Act within days.' },
      ],
    },
    scenarios: [scenario('household', 'Children at home'), scenario('work', 'Works with children')],
    microTeaches: [{ id: 'kirat', title: 'KIRAT in ten minutes', summary: 'What the tool is for.', body: 'KIRAT prioritises IIOC suspects.' }],
    rubric: {
      criteria: [
        { id: 'refers-csc', objective: 'safeguard', title: 'RUBRIC-CRITERION refers to CSC', description: 'x', kind: 'automatic', points: 2, rule: { type: 'decision-matches-model', decision: 'refer-csc' } },
        {
          id: 'referral-rationale',
          objective: 'safeguard',
          title: 'Justifies the referral',
          description: 'How well the team justifies its decision on referring to CSC.',
          kind: 'judgement',
          decision: 'refer-csc',
          levels: [
            { id: 'weak', label: 'Weak', descriptor: 'No link between the risk and the referral.', points: 0 },
            { id: 'adequate', label: 'Adequate', descriptor: 'Names the children at risk.', points: 2 },
            { id: 'strong', label: 'Strong', descriptor: 'Names the children, the threshold and the timing.', points: 4 },
          ],
        },
      ],
    },
  });
}

export async function importTestPack(app: App, version = '1.0.0'): Promise<{ packVersionId: string }> {
  return importPack(app.database.db, testPack(version));
}

/**
 * Two versions of the test pack for review tests: 1.0.0 marks the partner's call as a challenge;
 * 1.1.0 also rewrites the strong level of "Justifies the referral" (a changed criterion) and adds
 * an automatic "instrument-complete" criterion worth 1 point (a new one), and its changelog says the
 * rule of "refers-csc" changed too.
 */
export function reviewTestPacks(): { earlier: Pack; later: Pack } {
  const earlier = testPack('1.0.0');
  for (const scenario of earlier.scenarios) scenario.injects.find((inject) => inject.id === 'partner-call')!.purpose = 'challenge';
  const later = structuredClone(earlier);
  later.meta.version = '1.1.0';
  const judgement = later.rubric.criteria.find((criterion) => criterion.id === 'referral-rationale');
  if (judgement?.kind === 'judgement') judgement.levels[2]!.descriptor = 'Names the children, the threshold, the timing and who tells the school.';
  later.rubric.criteria.push({
    id: 'instrument-complete',
    objective: 'safeguard',
    title: 'Completes the instrument',
    description: 'Every required item answered.',
    kind: 'automatic',
    points: 1,
    rule: { type: 'instrument-complete' },
  });
  // The changelog also says the CSC referral criterion was re-ruled, though its definition reads the
  // same (the kind of change a rule in the instrument makes): the comparison must not hide it.
  later.changelog = {
    versions: [
      {
        version: '1.1.0',
        date: '2026-06-01',
        summary: 'A stronger strong level and a completeness criterion.',
        changes: [{ area: 'marking', text: 'The strong level of the referral rationale names who tells the school.' }],
        criteriaChanged: [
          { criterion: 'referral-rationale', change: 'Strong now needs who tells the school.' },
          { criterion: 'refers-csc', change: 'Credits a referral only after the instrument is complete.' },
        ],
      },
      { version: '1.0.0', date: '2025-06-01', summary: 'First version.', changes: [{ area: 'content', text: 'First version.' }], criteriaChanged: [] },
    ],
  };
  return { earlier, later };
}

/** The test pack (as "held-back-pack") with one analyst profile held back until it is released. */
export function packWithHeldBackResearch() {
  const base = testPack();
  return Pack.parse({
    ...base,
    meta: { ...base.meta, id: 'held-back-pack' },
    scenarios: base.scenarios.map((scenario) => ({
      ...scenario,
      profiles: [
        ...scenario.profiles,
        { id: 'address-research', title: 'Address research', subject: { name: 'HELD-BACK neighbour', address: '3 Fictional Row, Westbrook' }, heldBack: true },
      ],
    })),
  });
}
