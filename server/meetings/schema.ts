/** Shapes of the meetings API and the presentation view, shared with the client. */
import { z } from 'zod';
import { MeetingKind } from '../packs/schema.js';

export const MeetingEntryKind = z.enum(['minute', 'decision', 'action']);
export type MeetingEntryKind = z.infer<typeof MeetingEntryKind>;

/** Who wrote an entry: a member of the team, or staff (the chair, or an assessor in role as an agency). */
export const MeetingAuthorKind = z.enum(['team', 'staff']);
export type MeetingAuthorKind = z.infer<typeof MeetingAuthorKind>;

/** How a meeting came to be convened: by the team's recorded decision, or by a facilitator. */
export const ConvenedBy = z.enum(['decision', 'facilitator']);
export type ConvenedBy = z.infer<typeof ConvenedBy>;

const IdempotencyKey = z
  .uuid('Send a new random id (a UUID) with each change, and the same one when you retry it')
  .meta({ description: 'A fresh UUID per change; a retry with the same key returns the recorded result' });

const EntryBody = z.string().trim().min(1, 'Write the entry').max(5000, 'Keep the entry under 5000 characters');
const Owner = z.string().trim().max(200, 'Keep the owner under 200 characters');
const Due = z.string().trim().max(100, 'Keep the due time under 100 characters');

export const MeetingParams = z.object({ meetingId: z.uuid('Give the id of a meeting') });
export const MeetingEntryParams = MeetingParams.extend({ entryId: z.uuid('Give the id of an entry') });

export const MeetingEntry = z
  .object({
    id: z.uuid(),
    kind: MeetingEntryKind,
    /** The agenda item a minute belongs to; null for decisions and actions that stand alone. */
    agendaItemId: z.string().nullable(),
    body: z.string(),
    owner: z.string().nullable(),
    due: z.string().nullable(),
    author: z.object({ kind: MeetingAuthorKind, name: z.string(), agencyId: z.string().nullable() }),
    revision: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'MeetingEntry' });
export type MeetingEntry = z.infer<typeof MeetingEntry>;

export const MeetingSummary = z.object({
  id: z.uuid(),
  meetingId: z.string(),
  teamId: z.uuid(),
  teamName: z.string(),
  kind: MeetingKind,
  title: z.string(),
  level: z.number().int().nullable(),
  chair: z.string(),
  scheduledAt: z.iso.datetime().nullable(),
  convenedBy: ConvenedBy,
  convenedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingRecord = MeetingSummary.extend({
  revision: z.number().int(),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  agenda: z.array(z.object({ id: z.string(), title: z.string(), help: z.string().nullable() })),
  entries: z.array(MeetingEntry),
  /** For staff only: the pack's note to the chair and role-players. Never sent to teams. */
  facilitatorNote: z.string().nullable().optional(),
  /** For staff only: every agency of the pack, from which the chair records who is present. */
  packAgencies: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
}).meta({ id: 'MeetingRecord' });
export type MeetingRecord = z.infer<typeof MeetingRecord>;

export const MeetingList = z.object({ meetings: z.array(MeetingSummary) }).meta({ id: 'MeetingList' });
export type MeetingList = z.infer<typeof MeetingList>;

/** A meeting the scenario of a team may need and that is not convened yet, for the console. */
export const ConvenableMeeting = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  meetingId: z.string(),
  kind: MeetingKind,
  title: z.string(),
  level: z.number().int().nullable(),
  chair: z.string(),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const RunMeetings = z
  .object({ meetings: z.array(MeetingSummary), convenable: z.array(ConvenableMeeting) })
  .meta({ id: 'RunMeetings' });
export type RunMeetings = z.infer<typeof RunMeetings>;

export const ConveneMeetingRequest = z
  .object({
    teamId: z.uuid('Choose the team'),
    meetingId: z.string().min(1, 'Choose the meeting').max(64),
    /** MAPP meetings only; omitted: the level the team recorded, if any. */
    level: z.number().int().min(1, 'MAPPA levels are 1, 2 and 3').max(3, 'MAPPA levels are 1, 2 and 3').optional(),
    scheduledAt: z.iso.datetime('Give the time as a date and time').optional(),
    /** The agencies attending; omitted: those the pack names for the meeting. */
    agencies: z.array(z.string().max(64)).max(20).optional(),
  })
  .meta({ id: 'ConveneMeetingRequest' });
export type ConveneMeetingRequest = z.infer<typeof ConveneMeetingRequest>;

export const UpdateMeetingRequest = z
  .object({
    baseRevision: z.number().int().min(1),
    level: z.number().int().min(1, 'MAPPA levels are 1, 2 and 3').max(3, 'MAPPA levels are 1, 2 and 3').nullable().optional(),
    scheduledAt: z.iso.datetime('Give the time as a date and time').nullable().optional(),
    agencies: z.array(z.string().max(64)).max(20).optional(),
  })
  .meta({ id: 'UpdateMeetingRequest' });
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingRequest>;

export const AddMeetingEntryRequest = z
  .object({
    kind: MeetingEntryKind,
    agendaItemId: z.string().max(64).nullable().optional(),
    body: EntryBody,
    owner: Owner.optional(),
    due: Due.optional(),
    /** Staff only: the agency an assessor is speaking for. */
    asAgency: z.string().max(64).optional(),
    idempotencyKey: IdempotencyKey,
  })
  .meta({ id: 'AddMeetingEntryRequest' });
export type AddMeetingEntryRequest = z.infer<typeof AddMeetingEntryRequest>;

export const EditMeetingEntryRequest = z
  .object({
    /** The revision the writer's screen showed; a stale one is refused with the current entry. */
    baseRevision: z.number().int().min(1),
    body: EntryBody,
    owner: Owner.optional(),
    due: Due.optional(),
    idempotencyKey: IdempotencyKey,
  })
  .meta({ id: 'EditMeetingEntryRequest' });
export type EditMeetingEntryRequest = z.infer<typeof EditMeetingEntryRequest>;

export const MeetingEntryConflictResponse = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }),
    conflict: z.object({ yours: z.object({ body: z.string(), owner: z.string().nullable(), due: z.string().nullable() }), theirs: MeetingEntry }),
  })
  .meta({ id: 'MeetingEntryConflict' });

export const MeetingDetailsConflictResponse = z
  .object({ error: z.object({ code: z.string(), message: z.string() }), conflict: z.object({ theirs: MeetingRecord }) })
  .meta({ id: 'MeetingDetailsConflict' });

export const CloseMeetingRequest = z
  .object({ confirm: z.literal(true, 'Closing a meeting cannot be undone: send confirm: true once the chair has agreed the record') })
  .meta({ id: 'CloseMeetingRequest' });

export const ClosedMeeting = z
  .object({ closedAt: z.iso.datetime(), released: z.array(z.object({ injectId: z.string(), releaseIds: z.array(z.uuid()) })) })
  .meta({ id: 'ClosedMeeting' });
export type ClosedMeeting = z.infer<typeof ClosedMeeting>;

/**
 * What a team shows the room: only what it wrote (its band and what drove it, its latest decisions
 * with their reasons, the actions of its meetings), never the rubric, the model answer or marks.
 */
export const TeamPresentation = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  scenarioTitle: z.string(),
  band: z.object({ label: z.string(), description: z.string(), drivers: z.array(z.string()) }).nullable(),
  decisions: z.array(z.object({ decisionId: z.string(), question: z.string(), chosen: z.array(z.string()), justification: z.record(z.string(), z.string()) })),
  actions: z.array(z.object({ meetingTitle: z.string(), body: z.string(), owner: z.string().nullable(), due: z.string().nullable() })),
});
export type TeamPresentation = z.infer<typeof TeamPresentation>;

export const RunPresentation = z.object({ teams: z.array(TeamPresentation) }).meta({ id: 'RunPresentation' });
export type RunPresentation = z.infer<typeof RunPresentation>;
