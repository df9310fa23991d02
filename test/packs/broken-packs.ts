/**
 * Broken packs for check.test.ts, each the valid-minimal pack with one thing changed. They are built
 * in a temporary folder at test time, so the hostile ones (a huge file, an alias bomb) are never committed.
 */
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const VALID_MINIMAL = join(dirname(fileURLToPath(import.meta.url)), 'valid-minimal');

export async function copyOfValidMinimal(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'rehearse-pack-')), 'pack');
  await cp(VALID_MINIMAL, dir, { recursive: true });
  return dir;
}

export async function removePackCopy(dir: string): Promise<void> {
  await rm(dirname(dir), { recursive: true, force: true });
}

type Edit = (dir: string) => Promise<void>;
// YAML content is untyped until the schema has parsed it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

/** Parse a pack file, change it in place, write it back. */
function editYaml(file: string, change: (content: Yaml) => void): Edit {
  return async (dir) => {
    const content = parse(await readFile(join(dir, file), 'utf8'));
    change(content);
    await writeFile(join(dir, file), stringify(content));
  };
}

function writeText(file: string, text: string): Edit {
  return async (dir) => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  };
}

function appendToMicroTeach(markdown: string): Edit {
  return (dir) => appendFile(join(dir, 'micro-teaches/intro.md'), `\n${markdown}\n`);
}

/** A YAML comment line of the given size, so the file stays valid and only its size is wrong. */
function padding(bytes: number): string {
  return `# ${'x'.repeat(bytes)}\n`;
}

function aliasBomb(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 10; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

export type BrokenPack = { name: string; edit: Edit; file: string; path: string; message: string };

export const brokenPacks: BrokenPack[] = [
  // Sizes: every team request reads its pack.
  {
    name: 'a decision with 13 options',
    edit: editYaml('scenarios/beta.yaml', (scenario) => {
      scenario.decisionPoints[0].options.push(...Array.from({ length: 11 }, (_, index) => ({ id: `option-${index}`, label: `Option ${index}` })));
    }),
    file: 'scenarios/beta.yaml',
    path: 'scenarios[1].decisionPoints[0].options',
    message: 'at most 12 options in a decision',
  },
  {
    name: '21 scenarios',
    edit: async (dir) => {
      const beta = parse(await readFile(join(dir, 'scenarios/beta.yaml'), 'utf8'));
      for (let index = 0; index < 20; index += 1) await writeFile(join(dir, `scenarios/copy-${index}.yaml`), stringify({ ...beta, id: `copy-${index}` }));
    },
    file: 'scenarios/',
    path: 'scenarios',
    message: 'at most 20 scenarios in a pack',
  },
  // Text PostgreSQL cannot store: the check must refuse it, or the import fails.
  {
    name: 'a NUL character in a scenario',
    edit: editYaml('scenarios/beta.yaml', (scenario) => (scenario.title = 'Before\u0000after')),
    file: 'scenarios/beta.yaml',
    path: 'scenarios[1].title',
    message: 'this text contains a NUL character',
  },
  {
    name: 'a lone surrogate in the rubric',
    edit: editYaml('rubric.yaml', (rubric) => (rubric.criteria[0].title = 'Half \ud83d a character')),
    file: 'rubric.yaml',
    path: 'rubric.criteria[0].title',
    message: 'this text contains half of a character',
  },
  {
    name: 'a NUL character in a micro-teach',
    edit: appendToMicroTeach('Hidden\u0000text'),
    file: 'micro-teaches/intro.md',
    path: 'microTeaches[0].body',
    message: 'this text contains a NUL character',
  },
  // Folder and files
  { name: 'no pack.yaml', edit: (dir) => rm(join(dir, 'pack.yaml')), file: 'pack.yaml', path: '', message: 'missing: every pack has pack.yaml' },
  { name: 'a .png image', edit: writeText('scenarios/photo.png', 'not really a png'), file: 'scenarios/photo.png', path: '', message: 'images and other files are never accepted' },
  { name: 'a .jpg image at the top', edit: writeText('suspect.jpg', 'not really a jpg'), file: 'suspect.jpg', path: '', message: 'images and other files are never accepted' },
  { name: 'some other file', edit: writeText('notes.txt', 'to do'), file: 'notes.txt', path: '', message: 'images and other files are never accepted' },
  { name: 'a YAML file outside the layout', edit: writeText('extra.yaml', 'a: 1'), file: 'extra.yaml', path: '', message: 'unexpected file here' },
  { name: 'a Markdown file among the scenarios', edit: writeText('scenarios/notes.md', '# notes'), file: 'scenarios/notes.md', path: '', message: 'unexpected file here' },
  { name: 'an unexpected subfolder', edit: writeText('images/readme.md', 'x'), file: 'images', path: '', message: 'unexpected folder' },
  { name: 'a folder inside scenarios', edit: writeText('scenarios/more/gamma.yaml', 'id: gamma'), file: 'scenarios/more', path: '', message: 'unexpected folder' },
  {
    name: 'a symbolic link',
    edit: (dir) => symlink(join(dir, 'scenarios/alpha.yaml'), join(dir, 'scenarios/gamma.yaml')),
    file: 'scenarios/gamma.yaml',
    path: '',
    message: 'symbolic links are refused',
  },
  { name: 'a file over 512 KiB', edit: (dir) => appendFile(join(dir, 'rubric.yaml'), padding(600 * 1024)), file: 'rubric.yaml', path: '', message: 'the most accepted is 512 KiB' },
  {
    name: 'a pack over 5 MiB',
    edit: async (dir) => {
      for (let index = 0; index < 11; index++) await writeText(`micro-teaches/big-${index}.md`, padding(500 * 1024))(dir);
    },
    file: '',
    path: '',
    message: 'the most accepted is 5120 KiB',
  },
  {
    name: 'more than 200 files',
    edit: async (dir) => {
      for (let index = 0; index < 200; index++) await writeText(`micro-teaches/teach-${index}.md`, `---\nid: teach-${index}\n---\n`)(dir);
    },
    file: '',
    path: '',
    message: 'the most accepted is 200',
  },
  { name: 'a file that is not UTF-8', edit: (dir) => writeFile(join(dir, 'scenarios/gamma.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41])), file: 'scenarios/gamma.yaml', path: '', message: 'not UTF-8' },

  // YAML
  { name: 'malformed YAML', edit: writeText('rubric.yaml', 'criteria: [\n  - id: x\n'), file: 'rubric.yaml', path: '', message: 'YAML error' },
  { name: 'a duplicate key', edit: (dir) => appendFile(join(dir, 'pack.yaml'), 'title: Again\n'), file: 'pack.yaml', path: '', message: 'Map keys must be unique' },
  { name: 'an alias bomb', edit: writeText('instrument.yaml', aliasBomb()), file: 'instrument.yaml', path: '', message: 'too many YAML aliases' },
  { name: 'nesting too deep', edit: writeText('rubric.yaml', `criteria: ${'['.repeat(40)}${']'.repeat(40)}\n`), file: 'rubric.yaml', path: '', message: 'nesting is deeper than 32 levels' },
  {
    name: 'nesting too deep to parse',
    edit: writeText('rubric.yaml', `criteria: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    file: 'rubric.yaml',
    path: '',
    message: 'nesting is too deep',
  },
  { name: 'a micro-teach without front matter', edit: writeText('micro-teaches/intro.md', 'Just Markdown.\n'), file: 'micro-teaches/intro.md', path: '', message: 'must start with YAML front matter' },

  // Schema
  { name: 'a version that is not x.y.z', edit: editYaml('pack.yaml', (meta) => (meta.version = '1.0')), file: 'pack.yaml', path: 'meta.version', message: 'must be a version like 1.0.0' },
  { name: 'an unknown field in a scenario', edit: editYaml('scenarios/beta.yaml', (scenario) => (scenario.sumary = 'typo')), file: 'scenarios/beta.yaml', path: 'scenarios[1]', message: 'sumary' },
  {
    name: 'an inject without a body',
    edit: editYaml('scenarios/beta.yaml', (scenario) => delete scenario.injects[1].body),
    file: 'scenarios/beta.yaml',
    path: 'scenarios[1].injects[1].body',
    message: 'expected string',
  },

  // References and unique ids
  {
    name: 'an unknown decision in an inject trigger',
    edit: editYaml('scenarios/beta.yaml', (scenario) => (scenario.injects[0].trigger.decision = 'refer-lado')),
    file: 'scenarios/beta.yaml',
    path: 'scenarios[1].injects[0].trigger.decision',
    message: 'unknown decision "refer-lado" in scenario "beta"',
  },
  {
    name: 'an option not in the trigger decision',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.injects[0].trigger.options = ['maybe'])),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].injects[0].trigger.options[0]',
    message: '"maybe" is not an option of decision "refer-csc"',
  },
  {
    name: 'a duplicate inject id',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.injects[1].id = 'csc-reply')),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].injects[1].id',
    message: 'duplicate inject "csc-reply"',
  },
  {
    name: 'an unknown micro-teach',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.injects[1].microTeach = 'kirat')),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].injects[1].microTeach',
    message: 'unknown micro-teach "kirat"',
  },
  {
    name: 'an unknown agency',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.injects[0].agency = 'lado')),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].injects[0].agency',
    message: 'unknown agency "lado"',
  },
  {
    name: 'an unknown expected band',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.modelAnswer.expectedBand = 'very-high')),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].modelAnswer.expectedBand',
    message: 'unknown band "very-high"',
  },
  {
    name: 'an expected option not in the decision',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.modelAnswer.decisions[0].expected = ['later'])),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].modelAnswer.decisions[0].expected[0]',
    message: '"later" is not an option of decision "refer-csc"',
  },
  {
    name: 'an unknown objective in a criterion',
    edit: editYaml('rubric.yaml', (rubric) => (rubric.criteria[1].objective = 'disclose')),
    file: 'rubric.yaml',
    path: 'rubric.criteria[1].objective',
    message: 'unknown objective "disclose"',
  },
  {
    name: 'an unknown scenario in a criterion',
    edit: editYaml('rubric.yaml', (rubric) => (rubric.criteria[0].scenarios = ['gamma'])),
    file: 'rubric.yaml',
    path: 'rubric.criteria[0].scenarios[0]',
    message: 'unknown scenario "gamma"',
  },
  {
    name: 'a rule decision missing from one scenario',
    edit: editYaml('scenarios/beta.yaml', (scenario) => {
      scenario.decisionPoints[0].id = 'refer-early-help';
      scenario.injects[0].trigger.decision = 'refer-early-help';
      scenario.modelAnswer.decisions[0].decision = 'refer-early-help';
    }),
    file: 'rubric.yaml',
    path: 'rubric.criteria[0].rule.decision',
    message: 'unknown decision "refer-csc" in scenario "beta"',
  },
  {
    name: 'an unknown item in visibleWhen',
    edit: editYaml('instrument.yaml', (instrument) => (instrument.sections[0].items[1].visibleWhen.item = 'children')),
    file: 'instrument.yaml',
    path: 'instrument.sections[0].items[1].visibleWhen.item',
    message: 'unknown item "children"',
  },
  {
    name: 'visibleWhen on a later item',
    edit: editYaml('instrument.yaml', (instrument) => instrument.sections[0].items.reverse()),
    file: 'instrument.yaml',
    path: 'instrument.sections[0].items[0].visibleWhen.item',
    message: 'comes later in the form',
  },
  {
    name: 'a condition value the item cannot take',
    edit: editYaml('instrument.yaml', (instrument) => (instrument.floors[0].when.equals = true)),
    file: 'instrument.yaml',
    path: 'instrument.floors[0].when.equals',
    message: 'answered "yes", "no" or "unknown"',
  },
  {
    name: 'a floor naming a missing band',
    edit: editYaml('instrument.yaml', (instrument) => (instrument.floors[0].atLeast = 'very-high')),
    file: 'instrument.yaml',
    path: 'instrument.floors[0].atLeast',
    message: 'unknown band "very-high"',
  },
  {
    name: 'bands not increasing',
    edit: editYaml('instrument.yaml', (instrument) => (instrument.bands[1].minScore = 0)),
    file: 'instrument.yaml',
    path: 'instrument.bands[1].minScore',
    message: 'must be greater than the minScore of "low"',
  },
  {
    name: 'a duplicate item id',
    edit: editYaml('instrument.yaml', (instrument) => {
      instrument.sections[0].items[1].id = 'household-children';
      delete instrument.sections[0].items[1].visibleWhen;
    }),
    file: 'instrument.yaml',
    path: 'instrument.sections[0].items[1].id',
    message: 'duplicate item "household-children"',
  },

  // Synthetic content
  {
    name: 'a real-looking phone number',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.referral.call.callerPhone = '01632 123456')),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].referral.call.callerPhone',
    message: "use a number from Ofcom's drama range",
  },
  {
    name: 'an email off the example domains',
    edit: editYaml('scenarios/beta.yaml', (scenario) => (scenario.referral.email.from = 'referrals@nca.gov.uk')),
    file: 'scenarios/beta.yaml',
    path: 'scenarios[1].referral.email.from',
    message: 'is not on example.org',
  },
  {
    name: 'a National Insurance number',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.profiles[0].analystNotes = 'NI number JT 12 34 56 B.')),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].profiles[0].analystNotes',
    message: 'National Insurance number',
  },
  {
    name: 'a public IP address',
    edit: editYaml('scenarios/alpha.yaml', (scenario) => (scenario.referral.email.body = 'Uploads from 81.2.69.160.')),
    file: 'scenarios/alpha.yaml',
    path: 'scenarios[0].referral.email.body',
    message: 'documentation address',
  },
  { name: 'raw HTML in Markdown', edit: appendToMicroTeach('<script>alert(1)</script>'), file: 'micro-teaches/intro.md', path: 'microTeaches[0].body', message: 'raw HTML' },
  { name: 'an image in Markdown', edit: appendToMicroTeach('![the form](form.png)'), file: 'micro-teaches/intro.md', path: 'microTeaches[0].body', message: 'images are never accepted' },
  // Meetings: what a scenario's meetings name must exist, and a level only where MAPPA has levels.
  ...meetingCases(),
];

function withMeeting(change: (meeting: Yaml) => void): Edit {
  return editYaml('scenarios/beta.yaml', (scenario) => {
    const meeting = {
      id: 'strategy',
      kind: 'strategy-discussion',
      title: 'Strategy discussion',
      chair: { by: 'staff', role: 'CSC team manager' },
      agencies: ['csc'],
      agenda: [{ id: 'information-sharing', title: 'Information sharing' }],
      convenedBy: { decision: 'refer-csc', options: [scenario.decisionPoints[0].options[0].id] },
    };
    change(meeting);
    scenario.meetings = [meeting];
  });
}

function meetingCases(): BrokenPack[] {
  const at = (field: string) => `scenarios[1].meetings[0].${field}`;
  return [
    { name: 'a meeting with an unknown agency', edit: withMeeting((meeting) => meeting.agencies.push('housing')), file: 'scenarios/beta.yaml', path: at('agencies[1]'), message: 'unknown agency "housing"' },
    {
      name: 'a meeting convened by an unknown decision',
      edit: withMeeting((meeting) => (meeting.convenedBy.decision = 'call-a-meeting')),
      file: 'scenarios/beta.yaml',
      path: at('convenedBy.decision'),
      message: 'unknown decision "call-a-meeting"',
    },
    {
      name: 'a meeting convened by an option its decision lacks',
      edit: withMeeting((meeting) => (meeting.convenedBy.options = ['maybe'])),
      file: 'scenarios/beta.yaml',
      path: at('convenedBy.options[0]'),
      message: '"maybe" is not an option of decision "refer-csc"',
    },
    { name: 'a strategy discussion with a MAPPA level', edit: withMeeting((meeting) => (meeting.level = 2)), file: 'scenarios/beta.yaml', path: at('level'), message: 'only MAPP meetings have a MAPPA level' },
    {
      name: 'a MAPP meeting without a level',
      edit: withMeeting((meeting) => (meeting.kind = 'mapp-meeting')),
      file: 'scenarios/beta.yaml',
      path: at('level'),
      message: 'a MAPP meeting needs the level the case needs',
    },
    { name: 'a MAPP meeting at level 4', edit: withMeeting((meeting) => Object.assign(meeting, { kind: 'mapp-meeting', level: 4 })), file: 'scenarios/beta.yaml', path: at('level'), message: 'MAPPA levels are 1, 2 and 3' },
    { name: 'a meeting whose outcome is an unknown inject', edit: withMeeting((meeting) => (meeting.outcomeInjects = ['minutes'])), file: 'scenarios/beta.yaml', path: at('outcomeInjects[0]'), message: 'unknown inject "minutes"' },
    {
      name: 'two agenda items with one id',
      edit: withMeeting((meeting) => meeting.agenda.push({ id: 'information-sharing', title: 'Again' })),
      file: 'scenarios/beta.yaml',
      path: at('agenda[1].id'),
      message: 'duplicate agenda item "information-sharing"',
    },
    {
      name: 'a meeting criterion naming a meeting a scenario lacks',
      edit: editYaml('rubric.yaml', (rubric) =>
        rubric.criteria.push({ id: 'meeting-held', objective: rubric.criteria[0].objective, kind: 'automatic', title: 'Meeting held', description: 'd', points: 1, rule: { type: 'meeting-convened', meeting: 'strategy' } }),
      ),
      file: 'rubric.yaml',
      path: 'rubric.criteria[2].rule.meeting',
      message: 'unknown meeting "strategy" in scenario',
    },
    {
      name: 'a "not done by" inject awaiting a meeting the scenario lacks',
      edit: editYaml('scenarios/beta.yaml', (scenario) =>
        scenario.injects.push({ id: 'chase', title: 'CSC chases', from: 'Children\'s Social Care', body: 'Where is the strategy discussion?', trigger: { type: 'not-done-by', notDoneBy: { meeting: 'strategy', minute: 90 } } }),
      ),
      file: 'scenarios/beta.yaml',
      path: 'scenarios[1].injects[2].trigger.notDoneBy.meeting',
      message: 'unknown meeting "strategy" in scenario "beta"; its meetings are none',
    },
  ];
}
