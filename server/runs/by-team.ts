/** Groups a run's rows (read with one query for the whole run) by team, in the order they came. */
export function byTeam<Row extends { teamId: string }>(rows: readonly Row[]): (teamId: string) => Row[] {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) {
    const list = grouped.get(row.teamId);
    if (list) list.push(row);
    else grouped.set(row.teamId, [row]);
  }
  return (teamId) => grouped.get(teamId) ?? [];
}
