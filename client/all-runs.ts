/**
 * Every run the caller can see, for pages that choose among all of them (the audit log's run filter,
 * year over year): `/api/runs` comes a page at a time, so this follows the pages to the end.
 */
import { api } from './api/client.js';
import type { ApiData } from './api/client.js';

type RunList = ApiData<'/runs', 'get'>;

export async function fetchAllRuns(signal: AbortSignal): Promise<Pick<RunList, 'runs'>> {
  const runs: RunList['runs'] = [];
  let after: string | undefined;
  do {
    const page: RunList = await api.get('/runs', { params: { query: { limit: 200, ...(after ? { after } : {}) } }, signal });
    runs.push(...page.runs);
    after = page.next ?? undefined;
  } while (after);
  return { runs };
}
