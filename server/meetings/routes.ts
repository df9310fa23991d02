/**
 * HTTP for meetings: a team's own meetings and their shared record; for staff, convening,
 * chairing, writing in role, closing, and the presentation view of every team.
 */
import { ErrorResponse, errorBody } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { teamRunOf } from '../teams/team-scope.js';
import { getRunPresentation } from './presentation.js';
import {
  AddMeetingEntryRequest,
  CloseMeetingRequest,
  ClosedMeeting,
  ConveneMeetingRequest,
  EditMeetingEntryRequest,
  MeetingDetailsConflictResponse,
  MeetingEntry,
  MeetingEntryConflictResponse,
  MeetingEntryParams,
  MeetingList,
  MeetingParams,
  MeetingRecord,
  RunMeetings,
  RunPresentation,
  UpdateMeetingRequest,
} from './schema.js';
import {
  addStaffEntry,
  addTeamEntry,
  closeMeeting,
  conveneByFacilitator,
  editStaffEntry,
  editTeamEntry,
  getRunMeeting,
  getTeamMeeting,
  listRunMeetings,
  listTeamMeetings,
  updateMeeting,
  type EditOutcome,
} from './service.js';

const ENTRY_CONFLICT = 'Someone else changed this entry while you were editing it. Both versions are shown: keep one or combine them.';

function entryReply(outcome: EditOutcome) {
  return 'conflict' in outcome
    ? { status: 409 as const, body: { ...errorBody('meeting_entry_conflict', ENTRY_CONFLICT), conflict: outcome.conflict } }
    : { status: 200 as const, body: outcome.saved };
}

/** Under /api/team. */
export const meetingTeamRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/meetings',
    {
      config: { access: 'team' },
      schema: { tags: ['meetings'], summary: 'The meetings your team attends', response: { 200: MeetingList, 401: ErrorResponse } },
    },
    async (request) => listTeamMeetings(db, teamRunOf(request)),
  );

  app.get(
    '/meetings/:meetingId',
    {
      config: { access: 'team' },
      schema: {
        tags: ['meetings'],
        summary: "A meeting's agenda, attendees and live record (the minutes once it has closed)",
        params: MeetingParams,
        response: { 200: MeetingRecord, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getTeamMeeting(db, teamRunOf(request), request.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/entries',
    {
      config: { access: 'team' },
      schema: {
        tags: ['meetings'],
        summary: "Add a minute, decision or action to the meeting's record",
        params: MeetingParams,
        body: AddMeetingEntryRequest,
        response: { 201: MeetingEntry, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await addTeamEntry(db, teamRunOf(request), request.params.meetingId, request.body)),
  );

  app.put(
    '/meetings/:meetingId/entries/:entryId',
    {
      config: { access: 'team' },
      schema: {
        tags: ['meetings'],
        summary: 'Change an entry of the record, from the revision your screen showed',
        params: MeetingEntryParams,
        body: EditMeetingEntryRequest,
        response: { 200: MeetingEntry, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: MeetingEntryConflictResponse.or(ErrorResponse) },
      },
    },
    async (request, reply) => {
      const { status, body } = entryReply(await editTeamEntry(db, teamRunOf(request), request.params.meetingId, request.params.entryId, request.body));
      return reply.status(status).send(body);
    },
  );
};

/** Under /api/runs/:runId. */
export const meetingRunRoutes: FeatureRoutes = async (app, { db, clock }) => {
  app.get(
    '/meetings',
    {
      config: { access: 'run-staff' },
      schema: { tags: ['meetings'], summary: "The run's meetings, and those teams' scenarios may still need", response: { 200: RunMeetings } },
    },
    async (request) => listRunMeetings(db, staffRunOf(request)),
  );

  app.post(
    '/meetings',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['meetings'],
        summary: "Convene a meeting of a team's scenario",
        body: ConveneMeetingRequest,
        response: { 201: MeetingRecord, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await conveneByFacilitator(db, staffRunOf(request), request.body, clock())),
  );

  app.get(
    '/meetings/:meetingId',
    {
      config: { access: 'run-staff' },
      schema: { tags: ['meetings'], summary: "A meeting's record, with the note for the chair and role-players", params: MeetingParams, response: { 200: MeetingRecord } },
    },
    async (request) => getRunMeeting(db, staffRunOf(request), request.params.meetingId),
  );

  app.patch(
    '/meetings/:meetingId',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['meetings'],
        summary: "Change a meeting's level, time or attending agencies, from the revision your screen showed",
        params: MeetingParams,
        body: UpdateMeetingRequest,
        response: { 200: MeetingRecord, 409: MeetingDetailsConflictResponse.or(ErrorResponse) },
      },
    },
    async (request, reply) => {
      const outcome = await updateMeeting(db, staffRunOf(request), request.params.meetingId, request.body);
      if ('conflict' in outcome) {
        return reply.status(409).send({
          ...errorBody('meeting_details_conflict', 'Someone else changed these details first. The current details are shown: make your change again.'),
          conflict: { theirs: outcome.conflict },
        });
      }
      return outcome.saved;
    },
  );

  app.post(
    '/meetings/:meetingId/entries',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['meetings'],
        summary: "Add a minute, decision or action to the meeting's record, as chair or in role as an agency",
        params: MeetingParams,
        body: AddMeetingEntryRequest,
        response: { 201: MeetingEntry, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await addStaffEntry(db, staffRunOf(request), request.params.meetingId, request.body)),
  );

  app.put(
    '/meetings/:meetingId/entries/:entryId',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['meetings'],
        summary: 'Change an entry of the record, from the revision your screen showed',
        params: MeetingEntryParams,
        body: EditMeetingEntryRequest,
        response: { 200: MeetingEntry, 409: MeetingEntryConflictResponse.or(ErrorResponse) },
      },
    },
    async (request, reply) => {
      const { status, body } = entryReply(await editStaffEntry(db, staffRunOf(request), request.params.meetingId, request.params.entryId, request.body));
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/meetings/:meetingId/close',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['meetings'],
        summary: 'Close the meeting: its record is final, the team has its minutes and its outcome injects are released. Needs confirm: true',
        params: MeetingParams,
        body: CloseMeetingRequest,
        response: { 200: ClosedMeeting, 409: ErrorResponse },
      },
    },
    async (request) => closeMeeting(db, staffRunOf(request), request.params.meetingId),
  );

  app.get(
    '/presentation',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['meetings'],
        summary: "Each team's own work for the projector: band and drivers, decisions with reasons, meeting actions; no rubric or marks",
        response: { 200: RunPresentation },
      },
    },
    async (request) => getRunPresentation(db, staffRunOf(request)),
  );
};
