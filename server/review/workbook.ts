/**
 * The per-run workbook L&D would otherwise assemble by hand: one sheet each for the run, the marks
 * per team per criterion, the decisions with their times and justifications, and the instrument
 * answers. Built as .xlsx with write-excel-file (maintained, Node 18+, one dependency), because a
 * lead opens one file in Excel rather than a folder of CSVs, and typed cells keep numbers as
 * numbers and times as dates. Text cells follow the CSV rules (csv.ts): a cell starting with
 * = + - @ is prefixed with an apostrophe, so nothing a team typed becomes a formula when the sheet
 * is edited or saved as CSV. Pure apart from the zip the library writes.
 */
import type { Row, SheetData } from 'write-excel-file/node';
import type { FinalMark } from '../results/final-marks.js';
import type { Pack } from '../packs/schema.js';
import type { AnswerValue, Justification } from '../workspace/schema.js';
import { neutraliseFormula } from './csv.js';

export interface WorkbookRun {
  cohortLabel: string;
  exerciseDate: string;
  pack: Pack;
  state: string;
  provisional: boolean;
  wentLiveAt: Date | null;
  teams: ReadonlyArray<{
    name: string;
    scenarioId: string;
    marks: readonly FinalMark[];
    decisions: ReadonlyArray<{ decisionId: string; options: readonly string[]; justification: Justification; recordedAt: Date }>;
    answers: ReadonlyArray<{ itemId: string; value: AnswerValue; savedAt: Date }>;
  }>;
}

const DATE_TIME = 'yyyy-mm-dd hh:mm:ss';
const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
const text = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? null : { value: neutraliseFormula(value), type: String });
const time = (value: Date | null) => (value ? { value, type: Date, format: DATE_TIME } : null);
const number = (value: number | null) => (value === null ? null : { value, type: Number });

function sheet(header: readonly string[], rows: readonly Row[]): SheetData {
  return [header.map(bold), ...rows];
}

export function workbookSheets(run: WorkbookRun): Array<{ name: string; data: SheetData }> {
  const { pack } = run;
  const scenarioTitle = (id: string) => pack.scenarios.find((scenario) => scenario.id === id)?.title ?? id;
  const objectiveText = new Map(pack.meta.objectives.map((objective) => [objective.id, objective.text]));
  const items = new Map(pack.instrument.sections.flatMap((section) => section.items.map((item) => [item.id, item])));

  const about: SheetData = [
    [bold('Cohort'), text(run.cohortLabel)],
    [bold('Exercise date'), text(run.exerciseDate)],
    [bold('Pack'), text(`${pack.meta.title} (${pack.meta.id}, version ${pack.meta.version})`)],
    [bold('State'), text(run.state)],
    [bold('Marks'), text(run.provisional ? 'Provisional: marking or moderation is not finished' : 'Final')],
    [bold('Went live'), time(run.wentLiveAt)],
  ];

  const marks = sheet(
    ['Team', 'Scenario', 'Criterion id', 'Criterion', 'Objective', 'Kind', 'Points', 'Out of', 'Level', 'How it was reached'],
    run.teams.flatMap((team) =>
      team.marks.map((mark): Row => [
        text(team.name),
        text(scenarioTitle(team.scenarioId)),
        text(mark.criterionId),
        text(mark.title),
        text(objectiveText.get(mark.objectiveId) ?? mark.objectiveId),
        text(mark.kind),
        number(mark.points),
        number(mark.maxPoints),
        text(mark.level?.label),
        text(mark.note),
      ]),
    ),
  );

  const decisions = sheet(
    ['Team', 'Decision id', 'Decision', 'Options chosen', 'Recorded at', 'Minutes from going live', 'Information', 'Threat and risk', 'Powers and policy', 'Options considered', 'Action and review', 'Code of Ethics'],
    run.teams.flatMap((team) => {
      const scenario = pack.scenarios.find((candidate) => candidate.id === team.scenarioId);
      return [...team.decisions]
        .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())
        .map((entry): Row => {
          const point = scenario?.decisionPoints.find((candidate) => candidate.id === entry.decisionId);
          const labels = entry.options.map((id) => point?.options.find((option) => option.id === id)?.label ?? id);
          const minutes = run.wentLiveAt ? Math.max(0, Math.round((entry.recordedAt.getTime() - run.wentLiveAt.getTime()) / 60000)) : null;
          const { information, threatAndRisk, powersAndPolicy, options, actionAndReview, ethics } = entry.justification;
          return [
            text(team.name),
            text(entry.decisionId),
            text(point?.question ?? entry.decisionId),
            text(labels.join('; ')),
            time(entry.recordedAt),
            number(minutes),
            ...[information, threatAndRisk, powersAndPolicy, options, actionAndReview, ethics].map(text),
          ];
        });
    }),
  );

  const answers = sheet(
    ['Team', 'Question id', 'Question', 'Answer', 'Last saved'],
    run.teams.flatMap((team) =>
      team.answers.map((answer): Row => {
        const item = items.get(answer.itemId);
        return [text(team.name), text(answer.itemId), text(item?.label ?? answer.itemId), answerCell(answer.value, item), time(answer.savedAt)];
      }),
    ),
  );

  return [
    { name: 'Run', data: about },
    { name: 'Marks', data: marks },
    { name: 'Decisions', data: decisions },
    { name: 'Answers', data: answers },
  ];
}

const YES_NO_UNKNOWN: Record<string, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' };
type Item = Pack['instrument']['sections'][number]['items'][number];

/** An answer as a person reads it: option labels, not their ids; numbers stay numbers. */
function answerCell(value: AnswerValue, item: Item | undefined) {
  if (value === null) return null;
  if (typeof value === 'number') return number(value);
  const labelOf = (id: string) =>
    item && 'options' in item ? (item.options.find((option) => option.value === id)?.label ?? id) : item?.kind === 'yes-no-unknown' ? (YES_NO_UNKNOWN[id] ?? id) : id;
  return text(Array.isArray(value) ? value.map(labelOf).join('; ') : labelOf(String(value)));
}

export async function buildWorkbook(run: WorkbookRun): Promise<Buffer> {
  const sheets = workbookSheets(run);
  // Loaded when a lead first downloads a workbook rather than at every start (0.15 s of loading).
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(sheets.map(({ name, data }) => ({ sheet: name, data, stickyRowsCount: name === 'Run' ? 0 : 1 }))).toBuffer();
}
