/**
 * The packs' own test cases (tests/*.yaml): both shipped packs pass theirs and cover what issue 9
 * asks (every floor, every band, every automatic criterion, each timing rule with a wrong option),
 * and `npm run pack -- test` shows a readable diff when a case fails.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../server/packs/instrument-scoring.js';
import { loadPackFromDir } from '../../server/packs/load.js';
import { parsePackTests, runPackTests } from '../../server/packs/pack-tests.js';
import { runPackCli } from '../helpers/pack-cli.js';
import { VALID_MINIMAL } from './broken-packs.js';

const ROOT = join(import.meta.dirname, '../..');
const packDir = (id: string) => join(ROOT, 'fixtures/packs', id);
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

describe.each(['iioc-kirat', 'mappa-pdp'])('the test cases of %s', (id) => {
  async function load() {
    const loaded = await loadPackFromDir(packDir(id));
    if (!loaded.ok) throw new Error(`${id} does not load`);
    const { cases, issues } = parsePackTests(loaded.testFiles);
    expect(issues).toEqual([]);
    return { pack: loaded.pack, cases };
  }

  it('all pass', async () => {
    const { pack, cases } = await load();
    const failing = runPackTests(pack, cases).filter((result) => result.differences.length > 0);
    expect(failing).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it('reach every band and raise the band by every floor', async () => {
    const { pack, cases } = await load();
    const results = cases.map(({ testCase }) => {
      const answers = Object.fromEntries(Object.entries(testCase.answers).filter(([, value]) => value !== null)) as Record<string, string | string[] | number>;
      return scoreInstrument(pack.instrument, answers);
    });
    const bandsReached = new Set(results.map((result) => result.band.id));
    expect([...bandsReached].sort()).toEqual(pack.instrument.bands.map((band) => band.id).sort());
    for (const floor of pack.instrument.floors) {
      expect(results.some((result) => result.floors.some((applied) => applied.id === floor.id && applied.raisedBand)), floor.id).toBe(true);
    }
  });

  it('check the points of every automatic criterion, and each timing rule with no credit', async () => {
    const { pack, cases } = await load();
    const checked = new Map<string, number[]>();
    for (const { testCase } of cases) {
      for (const [criterionId, points] of Object.entries(testCase.expect.criteria)) checked.set(criterionId, [...(checked.get(criterionId) ?? []), points]);
    }
    for (const criterion of pack.rubric.criteria) {
      if (criterion.kind !== 'automatic') continue;
      expect(checked.has(criterion.id), criterion.id).toBe(true);
      if (criterion.rule.type === 'decision-before-inject') expect(checked.get(criterion.id), criterion.id).toContain(0);
    }
  });
});

describe('the IIOC practice bands', () => {
  it('each say that a child at risk is referred now, whatever the band', async () => {
    const loaded = await loadPackFromDir(packDir('iioc-kirat'));
    if (!loaded.ok) throw new Error('iioc-kirat does not load');
    for (const band of loaded.pack.instrument.bands) {
      expect(band.description, band.id).toMatch(/Whatever the band, if a child may be at risk, refer to Children's Social Care now/);
    }
  });
});

describe('a case the app would refuse', () => {
  it.each([
    {
      name: '"None of these" ticked with another option',
      text: 'cases:\n  - id: x\n    scenario: lone-subscriber\n    answers: { other-access: [none, wider-family] }\n    expect: { band: low }\n',
      what: 'answer to other-access',
    },
    {
      name: 'an exclusive decision option with others',
      text: 'cases:\n  - id: x\n    scenario: lone-subscriber\n    decisions: [{ decision: common-law-disclosure, options: [none, employer], at: 5 }]\n    expect: { band: low }\n',
      what: 'decision common-law-disclosure at minute 5',
    },
    {
      name: 'a decision recorded before the inject it appears with',
      text: 'cases:\n  - id: x\n    scenario: family-home\n    decisions: [{ decision: common-law-disclosure, options: [agreed-plan], at: 60 }]\n    expect: { band: low }\n',
      what: 'decision common-law-disclosure at minute 60',
    },
  ])('fails: $name', async ({ text, what }) => {
    const loaded = await loadPackFromDir(packDir('iioc-kirat'));
    if (!loaded.ok) throw new Error('iioc-kirat does not load');
    const { cases, issues } = parsePackTests([{ file: 'tests/x.yaml', text }]);
    expect(issues).toEqual([]);
    const [result] = runPackTests(loaded.pack, cases);
    expect(result?.differences.map((difference) => difference.what)).toEqual([what]);
  });
});

describe('npm run pack -- test', () => {
  it('passes both shipped packs', async () => {
    const result = await runPackCli(['test', packDir('iioc-kirat'), packDir('mappa-pdp')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/PASS .*iioc-kirat: \d+ test cases/);
    expect(result.stdout).toMatch(/PASS .*mappa-pdp: \d+ test cases/);
  });

  it('shows what was expected and what came out when a case fails, and check fails too', async () => {
    const copy = join(await mkdtemp(join(tmpdir(), 'rehearse-pack-tests-')), 'iioc-kirat');
    scratch.push(copy);
    await cp(packDir('iioc-kirat'), copy, { recursive: true });
    const file = join(copy, 'tests/rubric.yaml');
    // Expect the 1.0.0 behaviour: full timing credit for recording "no referral" early.
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('criteria: { csc-referral-before-partner-call: 0, csc-referral-decision: 0 }', 'criteria: { csc-referral-before-partner-call: 2, csc-referral-decision: 0 }'));

    const tested = await runPackCli(['test', copy]);
    expect(tested.code).toBe(1);
    expect(tested.stderr).toContain('FAIL');
    expect(tested.stderr).toContain('tests/rubric.yaml: b-csc-timing-wrong-option');
    expect(tested.stderr).toContain('  criterion csc-referral-before-partner-call\n    - expected: 2 points\n    + actual:   0 of 2:');
    expect(tested.stderr).toContain('only Refer to CSC now as urgent');
    expect(tested.stderr).toMatch(/1 of \d+ test cases failed/);

    const checked = await runPackCli(['check', copy]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('b-csc-timing-wrong-option');
  });

  it('says so when a pack has no test cases', async () => {
    const result = await runPackCli(['test', VALID_MINIMAL]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no test cases');
  });
});
