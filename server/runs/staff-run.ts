/**
 * A run as the member of staff asking about it sees it: the run, its pack (from the pack cache) and
 * how the caller relates to it. The run scope loads one for every route under /api/runs/:runId.
 */
import type { StaffScope } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import type { PackVersions } from '../packs/pack-versions.js';
import type { Pack } from '../packs/schema.js';
import type { RunState } from './lifecycle.js';
import { findRunVisibleTo } from './queries.js';

export interface StaffRun {
  id: string;
  organisationId: string;
  state: RunState;
  packVersionId: string;
  cohortLabel: string;
  exerciseDate: string;
  joinCode: string;
  assessorsPerTeam: number;
  wentLiveAt: Date | null;
  closedAt: Date | null;
  resultsReleasedAt: Date | null;
  resultsProvisional: boolean;
  resultsProvisionalReason: string | null;
  createdAt: Date;
  pack: Pack;
  caller: {
    staff: StaffScope;
    isLead: boolean;
    /** Assigned to mark the run (a lead may be assigned too). */
    isAssignedAssessor: boolean;
  };
}

/** The run if this member of staff may see it: a lead of its organisation, or an assessor assigned to it. */
export async function findStaffRun(db: Database, packs: PackVersions, staff: StaffScope, runId: string): Promise<StaffRun | undefined> {
  const row = await findRunVisibleTo(db, staff, runId);
  if (!row) return undefined;
  const pack = await packs.find(row.packVersionId);
  // The foreign key keeps a run's pack version, so a missing one is a broken database, not a 404.
  if (!pack) throw new Error(`run ${row.id} points at pack version ${row.packVersionId}, which does not exist`);
  const { isAssignedAssessor, ...run } = row;
  return { ...run, pack, caller: { staff, isLead: staff.role === 'lead', isAssignedAssessor: Boolean(isAssignedAssessor) } };
}
