/** Candidates picked for the comparison: two to ten, kept across the table's pages. Pure. */
export const MAX_COMPARED = 10;

/**
 * The selection after a change on one page: the table reports the rows picked on the page it
 * shows, so the ones picked on other pages are kept; never more than MAX_COMPARED.
 */
export function mergeSelection<Row extends { attemptId: string }>(old: readonly Row[], picked: readonly (Row | undefined)[], pageRows: readonly Row[]): Row[] {
  const onPage = new Set(pageRows.map((r) => r.attemptId));
  const kept = old.filter((r) => !onPage.has(r.attemptId));
  return [...kept, ...picked.filter((r): r is Row => r !== undefined && onPage.has(r.attemptId))].slice(0, MAX_COMPARED);
}
