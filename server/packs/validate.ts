/**
 * The checks zod cannot make alone: ids are unique where they are looked up, every reference names
 * something that exists, and instrument conditions compare items with values those items can take.
 */
import type { PackIssue, PackPath, PathIssue } from './issues.js';
import { formatPath } from './issues.js';
import { locateIssues, sourcesFor, type PackSources } from './layout.js';
import type { AutomaticRule, Condition, Criterion, DecisionPoint, Instrument, InstrumentItem, Pack, PartialCredit, Scenario } from './schema.js';

export function validatePack(pack: Pack, sources: PackSources = sourcesFor(pack)): PackIssue[] {
  const found = [
    ...duplicates(keyed(pack.meta.objectives, ['meta', 'objectives']), 'objective'),
    ...duplicates(keyed(pack.meta.agencies, ['meta', 'agencies']), 'agency'),
    ...checkInstrument(pack.instrument),
    ...duplicates(keyed(pack.scenarios, ['scenarios']), 'scenario'),
    ...pack.scenarios.flatMap((scenario, index) => checkScenario(pack, scenario, ['scenarios', index])),
    ...duplicates(keyed(pack.microTeaches, ['microTeaches']), 'micro-teach'),
    ...checkRubric(pack),
    ...checkChangelog(pack),
  ];
  return locateIssues(found, sources);
}

/** A key to keep unique, and the path of the field holding it. */
type Keyed = { key: string; path: PackPath };

function keyed(list: ReadonlyArray<{ id: string }>, listPath: PackPath): Keyed[] {
  return list.map((entry, index) => ({ key: entry.id, path: [...listPath, index, 'id'] }));
}

/** One issue for each entry whose key an earlier entry already used. */
function duplicates(entries: readonly Keyed[], what: string): PathIssue[] {
  const first = new Map<string, PackPath>();
  const issues: PathIssue[] = [];
  for (const { key, path } of entries) {
    const earlier = first.get(key);
    if (earlier) issues.push({ path, message: `duplicate ${what} "${key}": already used at ${formatPath(earlier)}` });
    else first.set(key, path);
  }
  return issues;
}

function quoted(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Instrument

type PlacedItem = { item: InstrumentItem; path: PackPath };

function checkInstrument(instrument: Instrument): PathIssue[] {
  const placed: PlacedItem[] = instrument.sections.flatMap((section, sectionIndex) =>
    section.items.map((item, itemIndex) => ({ item, path: ['instrument', 'sections', sectionIndex, 'items', itemIndex] })),
  );
  const allItems = new Map(placed.map(({ item }) => [item.id, item]));
  const issues: PathIssue[] = [
    ...duplicates(keyed(instrument.sections, ['instrument', 'sections']), 'section'),
    ...duplicates(placed.map(({ item, path }) => ({ key: item.id, path: [...path, 'id'] })), 'item'),
    ...duplicates(keyed(instrument.bands, ['instrument', 'bands']), 'band'),
    ...duplicates(keyed(instrument.floors, ['instrument', 'floors']), 'floor'),
    ...duplicates(keyed(instrument.contradictions, ['instrument', 'contradictions']), 'contradiction'),
  ];

  const earlierItems = new Map<string, InstrumentItem>();
  for (const { item, path } of placed) {
    if (item.kind === 'single-choice' || item.kind === 'multiple-choice') {
      issues.push(...duplicates(item.options.map((option, index) => ({ key: option.value, path: [...path, 'options', index, 'value'] })), 'option value'));
      item.options.forEach((option, index) => {
        if (option.exclusive && item.kind === 'single-choice') {
          issues.push({ path: [...path, 'options', index, 'exclusive'], message: 'exclusive applies to multiple-choice items; a single choice is exclusive already' });
        }
      });
    }
    if (item.visibleWhen) {
      issues.push(...checkCondition(item.visibleWhen, [...path, 'visibleWhen'], (id) => referToEarlierItem(id, earlierItems, allItems)));
    }
    earlierItems.set(item.id, item);
  }

  instrument.bands.forEach((band, index) => {
    const previous = instrument.bands[index - 1];
    if (previous && band.minScore <= previous.minScore) {
      issues.push({
        path: ['instrument', 'bands', index, 'minScore'],
        message: `must be greater than the minScore of "${previous.id}" (${previous.minScore}): bands are listed lowest first`,
      });
    }
  });

  const bandIds = instrument.bands.map((band) => band.id);
  instrument.floors.forEach((floor, index) => {
    const path = ['instrument', 'floors', index];
    issues.push(...checkCondition(floor.when, [...path, 'when'], (id) => referToAnyItem(id, allItems)));
    if (!bandIds.includes(floor.atLeast)) {
      issues.push({ path: [...path, 'atLeast'], message: `unknown band "${floor.atLeast}"; the bands are ${quoted(bandIds)}` });
    }
  });
  instrument.contradictions.forEach((contradiction, index) => {
    issues.push(...checkCondition(contradiction.when, ['instrument', 'contradictions', index, 'when'], (id) => referToAnyItem(id, allItems)));
  });
  return issues;
}

/** The item a condition may name, or why it may not. */
type ItemLookup = (id: string) => InstrumentItem | string;

function referToEarlierItem(id: string, earlier: Map<string, InstrumentItem>, all: Map<string, InstrumentItem>): InstrumentItem | string {
  const item = earlier.get(id);
  if (item) return item;
  if (all.has(id)) return `item "${id}" comes later in the form; visibleWhen may only depend on earlier items`;
  return `unknown item "${id}"`;
}

function referToAnyItem(id: string, all: Map<string, InstrumentItem>): InstrumentItem | string {
  return all.get(id) ?? `unknown item "${id}"`;
}

function checkCondition(condition: Condition, path: PackPath, lookUp: ItemLookup): PathIssue[] {
  if ('all' in condition) return condition.all.flatMap((part, index) => checkCondition(part, [...path, 'all', index], lookUp));
  if ('any' in condition) return condition.any.flatMap((part, index) => checkCondition(part, [...path, 'any', index], lookUp));
  const item = lookUp(condition.item);
  if (typeof item === 'string') return [{ path: [...path, 'item'], message: item }];
  if ('answered' in condition) return [];
  if ('atLeast' in condition) {
    return item.kind === 'number' ? [] : [{ path: [...path, 'atLeast'], message: `atLeast needs a number item; "${item.id}" is ${item.kind}` }];
  }
  if ('includes' in condition) {
    if (item.kind !== 'multiple-choice') {
      return [{ path: [...path, 'includes'], message: `includes needs a multiple-choice item; "${item.id}" is ${item.kind}, so use equals or in` }];
    }
    return valueProblem(item, condition.includes, [...path, 'includes']);
  }
  if (item.kind === 'multiple-choice') {
    const field = 'equals' in condition ? 'equals' : 'in';
    return [{ path: [...path, field], message: `"${item.id}" is multiple-choice: use includes to test for one option` }];
  }
  if ('equals' in condition) return valueProblem(item, condition.equals, [...path, 'equals']);
  return condition.in.flatMap((value, index) => valueProblem(item, value, [...path, 'in', index]));
}

/** A value a condition compares an item's answer with, against the answers the item can take. */
function valueProblem(item: InstrumentItem, value: string | number | boolean, path: PackPath): PathIssue[] {
  const problem = (message: string) => [{ path, message }];
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice': {
      const values = item.options.map((option) => option.value);
      return values.some((known) => known === value) ? [] : problem(`${JSON.stringify(value)} is not an option of "${item.id}"; its options are ${quoted(values)}`);
    }
    case 'yes-no-unknown':
      return ['yes', 'no', 'unknown'].includes(value as string)
        ? []
        : problem(`"${item.id}" is answered "yes", "no" or "unknown" (quote them in YAML), not ${JSON.stringify(value)}`);
    case 'number':
      return typeof value === 'number' ? [] : problem(`"${item.id}" is a number item; compare it with a number, not ${JSON.stringify(value)}`);
    default:
      return typeof value === 'string' ? [] : problem(`"${item.id}" is answered with text; compare it with text, not ${JSON.stringify(value)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios

function checkScenario(pack: Pack, scenario: Scenario, path: PackPath): PathIssue[] {
  const issues: PathIssue[] = [
    ...duplicates(keyed(scenario.profiles, [...path, 'profiles']), 'profile'),
    ...scenario.profiles.flatMap((profile, index) =>
      duplicates(keyed(profile.intelligence, [...path, 'profiles', index, 'intelligence']), 'intelligence item'),
    ),
    ...duplicates(keyed(scenario.injects, [...path, 'injects']), 'inject'),
    ...duplicates(keyed(scenario.decisionPoints, [...path, 'decisionPoints']), 'decision point'),
    ...scenario.decisionPoints.flatMap((decision, index) =>
      duplicates(keyed(decision.options, [...path, 'decisionPoints', index, 'options']), 'option'),
    ),
  ];

  const microTeachIds = pack.microTeaches.map((teach) => teach.id);
  const agencyIds = pack.meta.agencies.map((agency) => agency.id);
  scenario.injects.forEach((inject, index) => {
    const injectPath = [...path, 'injects', index];
    if (inject.trigger.type === 'decision') {
      issues.push(...checkDecisionOptions(scenario, inject.trigger.decision, inject.trigger.options ?? [], [...injectPath, 'trigger']));
    }
    if (inject.trigger.type === 'not-done-by' && 'decision' in inject.trigger.notDoneBy) {
      const awaited = inject.trigger.notDoneBy;
      issues.push(...checkDecisionOptions(scenario, awaited.decision, awaited.options ?? [], [...injectPath, 'trigger', 'notDoneBy']));
    }
    if (inject.trigger.type === 'not-done-by' && 'meeting' in inject.trigger.notDoneBy) {
      const awaited = inject.trigger.notDoneBy.meeting;
      const known = scenario.meetings.map((meeting) => meeting.id);
      if (!known.includes(awaited)) {
        issues.push({
          path: [...injectPath, 'trigger', 'notDoneBy', 'meeting'],
          message: `unknown meeting "${awaited}" in scenario "${scenario.id}"; its meetings are ${quoted(known) || 'none'}`,
        });
      }
    }
    if (inject.microTeach !== undefined && !microTeachIds.includes(inject.microTeach)) {
      issues.push({ path: [...injectPath, 'microTeach'], message: `unknown micro-teach "${inject.microTeach}"; the pack has ${quoted(microTeachIds) || 'none'}` });
    }
    if (inject.agency !== undefined && !agencyIds.includes(inject.agency)) {
      issues.push({ path: [...injectPath, 'agency'], message: `unknown agency "${inject.agency}"; pack.yaml lists ${quoted(agencyIds) || 'none'}` });
    }
  });

  scenario.profiles.forEach((profile, index) => {
    if (profile.releasedOnRequest === undefined) return;
    const requestPath = [...path, 'profiles', index, 'releasedOnRequest'];
    if (!profile.heldBack) {
      issues.push({ path: requestPath, message: 'releasedOnRequest applies to research the pack holds back; add heldBack: true or remove it' });
    } else if (!agencyIds.includes(profile.releasedOnRequest)) {
      issues.push({ path: requestPath, message: `unknown agency "${profile.releasedOnRequest}"; pack.yaml lists ${quoted(agencyIds) || 'none'}` });
    }
  });
  if (scenario.profiles.every((profile) => profile.heldBack)) {
    issues.push({ path: [...path, 'profiles'], message: 'every profile is held back, so teams would start with no research; leave at least one without heldBack' });
  }

  const injectIds = scenario.injects.map((inject) => inject.id);
  scenario.decisionPoints.forEach((decision, index) => {
    const decisionPath = [...path, 'decisionPoints', index];
    if (decision.appearsWith !== undefined && !injectIds.includes(decision.appearsWith)) {
      issues.push({ path: [...decisionPath, 'appearsWith'], message: `unknown inject "${decision.appearsWith}"; the scenario's injects are ${quoted(injectIds)}` });
    }
    decision.options.forEach((option, optionIndex) => {
      if (option.exclusive && !decision.multiple) {
        issues.push({ path: [...decisionPath, 'options', optionIndex, 'exclusive'], message: 'exclusive applies to decisions with multiple: true; a single choice is exclusive already' });
      }
    });
  });

  issues.push(...checkMeetings(pack, scenario, path));

  const modelPath = [...path, 'modelAnswer'];
  const bandIds = pack.instrument.bands.map((band) => band.id);
  if (!bandIds.includes(scenario.modelAnswer.expectedBand)) {
    issues.push({ path: [...modelPath, 'expectedBand'], message: `unknown band "${scenario.modelAnswer.expectedBand}"; the bands are ${quoted(bandIds)}` });
  }
  issues.push(
    ...duplicates(
      scenario.modelAnswer.decisions.map((model, index) => ({ key: model.decision, path: [...modelPath, 'decisions', index, 'decision'] })),
      'model answer for decision',
    ),
  );
  scenario.modelAnswer.decisions.forEach((model, index) => {
    const decisionPath = [...modelPath, 'decisions', index];
    const found = checkDecisionOptions(scenario, model.decision, model.expected, decisionPath, 'expected');
    issues.push(...found);
    const decision = findDecision(scenario, model.decision);
    if (found.length === 0 && decision && !decision.multiple && model.expected.length > 1) {
      issues.push({ path: [...decisionPath, 'expected'], message: `decision "${decision.id}" takes one option; set multiple: true on it or expect one option` });
    }
    const exclusive = decision?.options.find((option) => option.exclusive && model.expected.includes(option.id));
    if (exclusive && model.expected.length > 1) {
      issues.push({ path: [...decisionPath, 'expected'], message: `"${exclusive.id}" is exclusive, so a team cannot choose it with other options; expect it alone` });
    }
  });
  return issues;
}

/** A scenario's meetings: their agencies, decisions, options and injects exist, and a level only where MAPPA has levels. */
function checkMeetings(pack: Pack, scenario: Scenario, scenarioPath: PackPath): PathIssue[] {
  const issues = duplicates(keyed(scenario.meetings, [...scenarioPath, 'meetings']), 'meeting');
  const agencyIds = pack.meta.agencies.map((agency) => agency.id);
  const injectIds = scenario.injects.map((inject) => inject.id);
  scenario.meetings.forEach((meeting, index) => {
    const path = [...scenarioPath, 'meetings', index];
    issues.push(...duplicates(keyed(meeting.agenda, [...path, 'agenda']), 'agenda item'));
    if (meeting.kind === 'mapp-meeting' && meeting.level === undefined) {
      issues.push({ path: [...path, 'level'], message: 'a MAPP meeting needs the level the case needs (1, 2 or 3)' });
    }
    if (meeting.kind !== 'mapp-meeting' && meeting.level !== undefined) {
      issues.push({ path: [...path, 'level'], message: `only MAPP meetings have a MAPPA level; a ${meeting.kind} has none` });
    }
    if (meeting.kind !== 'mapp-meeting' && meeting.levelFrom !== undefined) {
      issues.push({ path: [...path, 'levelFrom'], message: `only MAPP meetings have a MAPPA level; remove levelFrom from this ${meeting.kind}` });
    }
    meeting.agencies.forEach((agencyId, agencyIndex) => {
      if (!agencyIds.includes(agencyId)) {
        issues.push({ path: [...path, 'agencies', agencyIndex], message: `unknown agency "${agencyId}"; pack.yaml lists ${quoted(agencyIds) || 'none'}` });
      }
    });
    if (meeting.convenedBy) issues.push(...checkDecisionOptions(scenario, meeting.convenedBy.decision, meeting.convenedBy.options, [...path, 'convenedBy']));
    if (meeting.levelFrom) {
      issues.push(...checkDecisionOptions(scenario, meeting.levelFrom.decision, Object.keys(meeting.levelFrom.levels), [...path, 'levelFrom'], 'levels'));
    }
    if (meeting.invitedFrom) issues.push(...checkDecisionOptions(scenario, meeting.invitedFrom.decision, [], [...path, 'invitedFrom']));
    meeting.outcomeInjects.forEach((injectId, injectIndex) => {
      if (!injectIds.includes(injectId)) {
        issues.push({ path: [...path, 'outcomeInjects', injectIndex], message: `unknown inject "${injectId}"; the scenario's injects are ${quoted(injectIds)}` });
      }
    });
  });
  return issues;
}

function findDecision(scenario: Scenario, decisionId: string): DecisionPoint | undefined {
  return scenario.decisionPoints.find((decision) => decision.id === decisionId);
}

/** That the decision is in the scenario and the options are among its options. */
function checkDecisionOptions(scenario: Scenario, decisionId: string, optionIds: readonly string[], path: PackPath, optionsField = 'options'): PathIssue[] {
  const decision = findDecision(scenario, decisionId);
  if (!decision) {
    const known = scenario.decisionPoints.map((point) => point.id);
    return [{ path: [...path, 'decision'], message: `unknown decision "${decisionId}" in scenario "${scenario.id}"; its decisions are ${quoted(known)}` }];
  }
  const known = decision.options.map((option) => option.id);
  return optionIds.flatMap((optionId, index) =>
    known.includes(optionId)
      ? []
      : [{ path: [...path, optionsField, index], message: `"${optionId}" is not an option of decision "${decisionId}"; its options are ${quoted(known)}` }],
  );
}

// ---------------------------------------------------------------------------------------------
// Rubric

function checkRubric(pack: Pack): PathIssue[] {
  const objectiveIds = pack.meta.objectives.map((objective) => objective.id);
  const scenarioIds = pack.scenarios.map((scenario) => scenario.id);
  const issues = duplicates(keyed(pack.rubric.criteria, ['rubric', 'criteria']), 'criterion');

  pack.rubric.criteria.forEach((criterion, index) => {
    const path = ['rubric', 'criteria', index];
    if (!objectiveIds.includes(criterion.objective)) {
      issues.push({ path: [...path, 'objective'], message: `unknown objective "${criterion.objective}"; pack.yaml lists ${quoted(objectiveIds)}` });
    }
    criterion.scenarios?.forEach((scenarioId, scenarioIndex) => {
      if (!scenarioIds.includes(scenarioId)) {
        issues.push({ path: [...path, 'scenarios', scenarioIndex], message: `unknown scenario "${scenarioId}"; the scenarios are ${quoted(scenarioIds)}` });
      }
    });
    if (criterion.kind === 'judgement') issues.push(...duplicates(keyed(criterion.levels, [...path, 'levels']), 'level'));
    const applicable = pack.scenarios.filter((scenario) => !criterion.scenarios || criterion.scenarios.includes(scenario.id));
    issues.push(...checkCriterionReferences(pack, criterion, applicable, path));
    if (criterion.kind === 'automatic') issues.push(...checkRecordChoice(criterion, applicable, path));
  });
  return issues;
}

/** Rules that read a decision's options; only these may say which record they mark. */
const RULES_READING_A_RECORD: ReadonlyArray<AutomaticRule['type']> = ['decision-matches-model', 'options'];

function checkRecordChoice(criterion: Extract<Criterion, { kind: 'automatic' }>, scenarios: readonly Scenario[], path: PackPath): PathIssue[] {
  const record = criterion.record;
  if (record === undefined) return [];
  const recordPath = [...path, 'record'];
  if (!RULES_READING_A_RECORD.includes(criterion.rule.type)) {
    const why = criterion.rule.type === 'decision-before-inject' ? 'a timing rule marks the decision as it stood when its inject was released' : `a ${criterion.rule.type} rule reads no decision`;
    return [{ path: recordPath, message: `record does not apply here: ${why}` }];
  }
  if (typeof record === 'string') return [];
  return scenarios.flatMap((scenario) =>
    scenario.injects.some((inject) => inject.id === record.beforeInject)
      ? []
      : [{ path: [...recordPath, 'beforeInject'], message: `unknown inject "${record.beforeInject}" in scenario "${scenario.id}"` }],
  );
}

/**
 * A criterion's decisions, options and injects must exist in every scenario it marks: all of them,
 * or those its `scenarios` lists.
 */
function checkCriterionReferences(pack: Pack, criterion: Criterion, scenarios: readonly Scenario[], path: PackPath): PathIssue[] {
  const inEachScenario = (check: (scenario: Scenario) => PathIssue[]) => scenarios.flatMap(check);
  if (criterion.kind === 'judgement') {
    const decisionId = criterion.decision;
    return decisionId === undefined ? [] : inEachScenario((scenario) => checkDecisionOptions(scenario, decisionId, [], path));
  }
  const rule = criterion.rule;
  const rulePath = [...path, 'rule'];
  switch (rule.type) {
    case 'decision-matches-model':
      return [
        ...inEachScenario((scenario) => {
          const found = checkDecisionOptions(scenario, rule.decision, [], rulePath);
          if (found.length > 0 || scenario.modelAnswer.decisions.some((model) => model.decision === rule.decision)) return found;
          return [{ path: [...rulePath, 'decision'], message: `the model answer of scenario "${scenario.id}" has no entry for decision "${rule.decision}"` }];
        }),
        ...(rule.partialCredit ?? []).flatMap((partial, index) => checkPartialCredit(rule.decision, partial, scenarios, [...rulePath, 'partialCredit', index])),
      ];
    case 'options':
      return inEachScenario((scenario) => checkDecisionOptions(scenario, rule.decision, rule.options, rulePath));
    case 'decision-before-inject':
      if (!rule.options) {
        return [{ path: [...rulePath, 'options'], message: 'a timing rule must name the options that count (options: [...]); otherwise recording the wrong decision early earns the credit' }];
      }
      return inEachScenario((scenario) => [
        ...checkDecisionOptions(scenario, rule.decision, rule.options ?? [], rulePath),
        ...(scenario.injects.some((inject) => inject.id === rule.inject)
          ? []
          : [{ path: [...rulePath, 'inject'], message: `unknown inject "${rule.inject}" in scenario "${scenario.id}"` }]),
      ]);
    case 'inject-not-released':
      return inEachScenario((scenario) =>
        scenario.injects.some((inject) => inject.id === rule.inject)
          ? []
          : [{ path: [...rulePath, 'inject'], message: `unknown inject "${rule.inject}" in scenario "${scenario.id}"` }],
      );
    case 'meeting-convened':
    case 'meeting-level':
    case 'meeting-actions':
    case 'meeting-agencies':
      return inEachScenario((scenario) => checkMeetingRule(pack, rule, scenario, rulePath));
    case 'band':
    case 'instrument-complete':
      return [];
  }
}

type MeetingRule = Extract<AutomaticRule, { type: 'meeting-convened' | 'meeting-level' | 'meeting-actions' | 'meeting-agencies' }>;

/** A meeting rule names a meeting of each scenario it marks; a level rule one with a level; agencies the pack's. */
function checkMeetingRule(pack: Pack, rule: MeetingRule, scenario: Scenario, path: PackPath): PathIssue[] {
  const meeting = scenario.meetings.find((candidate) => candidate.id === rule.meeting);
  if (!meeting) {
    const known = scenario.meetings.map((candidate) => candidate.id);
    return [{ path: [...path, 'meeting'], message: `unknown meeting "${rule.meeting}" in scenario "${scenario.id}"; its meetings are ${quoted(known) || 'none'}` }];
  }
  if (rule.type === 'meeting-level' && meeting.level === undefined) {
    return [{ path: [...path, 'meeting'], message: `meeting "${meeting.id}" of scenario "${scenario.id}" has no level to expect; only MAPP meetings have one` }];
  }
  if (rule.type !== 'meeting-agencies') return [];
  const agencyIds = pack.meta.agencies.map((agency) => agency.id);
  return rule.agencies.flatMap((agencyId, index) =>
    agencyIds.includes(agencyId) ? [] : [{ path: [...path, 'agencies', index], message: `unknown agency "${agencyId}"; pack.yaml lists ${quoted(agencyIds) || 'none'}` }],
  );
}

/** A partial credit names a not-expected option of a single-choice decision, in scenarios the criterion marks. */
function checkPartialCredit(decisionId: string, partial: PartialCredit, scenarios: readonly Scenario[], path: PackPath): PathIssue[] {
  const marked = scenarios.map((scenario) => scenario.id);
  if (partial.scenario !== undefined && !marked.includes(partial.scenario)) {
    return [{ path: [...path, 'scenario'], message: `the criterion does not mark scenario "${partial.scenario}"; it marks ${quoted(marked)}` }];
  }
  const targets = partial.scenario === undefined ? scenarios : scenarios.filter((scenario) => scenario.id === partial.scenario);
  return targets.flatMap((scenario) => {
    const decision = findDecision(scenario, decisionId);
    if (!decision) return []; // reported against the rule's decision
    const known = decision.options.map((option) => option.id);
    if (!known.includes(partial.option)) {
      return [{ path: [...path, 'option'], message: `"${partial.option}" is not an option of decision "${decisionId}" in scenario "${scenario.id}"; its options are ${quoted(known)}` }];
    }
    if (decision.multiple) {
      return [{ path: [...path, 'option'], message: `partial credit per option is for single-choice decisions; "${decisionId}" takes several options in scenario "${scenario.id}"` }];
    }
    const expected = scenario.modelAnswer.decisions.find((model) => model.decision === decisionId)?.expected ?? [];
    if (expected.includes(partial.option)) {
      return [{ path: [...path, 'option'], message: `"${partial.option}" is the model answer in scenario "${scenario.id}", which earns full credit already` }];
    }
    return [];
  });
}

// ---------------------------------------------------------------------------------------------
// Changelog

function checkChangelog(pack: Pack): PathIssue[] {
  const changelog = pack.changelog;
  if (!changelog) return [];
  const issues: PathIssue[] = [];
  const newest = changelog.versions[0];
  if (newest && newest.version !== pack.meta.version) {
    issues.push({ path: ['changelog', 'versions', 0, 'version'], message: `the newest entry must be this version, ${pack.meta.version} (pack.yaml), not ${newest.version}` });
  }
  const criterionIds = pack.rubric.criteria.map((criterion) => criterion.id);
  changelog.versions.forEach((entry, index) => {
    const previous = changelog.versions[index - 1];
    if (previous && compareVersions(entry.version, previous.version) >= 0) {
      issues.push({ path: ['changelog', 'versions', index, 'version'], message: `must be older than ${previous.version}: list versions newest first, each once` });
    }
    entry.criteriaChanged.forEach((changed, changedIndex) => {
      if (!criterionIds.includes(changed.criterion)) {
        issues.push({
          path: ['changelog', 'versions', index, 'criteriaChanged', changedIndex, 'criterion'],
          message: `unknown criterion "${changed.criterion}"; criteria keep their ids across versions, and rubric.yaml has ${quoted(criterionIds)}`,
        });
      }
    });
  });
  return issues;
}

/** Orders two versions like 1.2.0 by their numbers: negative when a is older. */
export function compareVersions(a: string, b: string): number {
  const [left, right] = [a, b].map((version) => version.split('.').map(Number));
  for (let index = 0; index < 3; index += 1) {
    const difference = (left![index] ?? 0) - (right![index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
