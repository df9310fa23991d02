/** Groups inbox messages into threads, one per team and agency. Pure. */
import type { Pack } from '../packs/schema.js';
import type { AgencyMessageAuthor, AgencyThread } from './schema.js';

interface MessageRow {
  id: string;
  teamId: string;
  teamName: string;
  agencyId: string;
  authorKind: AgencyMessageAuthor;
  body: string;
  injectId: string | null;
  createdAt: Date;
}

/** Threads in the order their latest message arrived, most recent first. */
export function groupIntoThreads(rows: MessageRow[], agencies: Pack['meta']['agencies']): AgencyThread[] {
  const threads = new Map<string, AgencyThread>();
  for (const row of rows) {
    const key = `${row.teamId}/${row.agencyId}`;
    const thread: AgencyThread = threads.get(key) ?? {
      agency: { id: row.agencyId, name: agencies.find((agency) => agency.id === row.agencyId)?.name ?? row.agencyId },
      teamId: row.teamId,
      teamName: row.teamName,
      messages: [],
      awaitingReply: false,
    };
    thread.messages.push({
      id: row.id,
      author: row.authorKind,
      body: row.body,
      injectId: row.injectId,
      createdAt: row.createdAt.toISOString(),
    });
    thread.awaitingReply = row.authorKind === 'team';
    threads.delete(key);
    threads.set(key, thread);
  }
  return [...threads.values()].reverse();
}
