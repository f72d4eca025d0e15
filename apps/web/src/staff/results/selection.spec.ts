import { MAX_COMPARED, mergeSelection } from './selection';

const row = (attemptId: string) => ({ attemptId });

describe('comparison selection across pages', () => {
  it('keeps the rows picked on other pages and takes this page’s picks', () => {
    const page1 = [row('a'), row('b')];
    const page2 = [row('c'), row('d')];
    const afterPage1 = mergeSelection([], [row('a')], page1);
    expect(mergeSelection(afterPage1, [row('d')], page2).map((r) => r.attemptId)).toEqual(['a', 'd']);
  });

  it('unticking a row on this page drops only that row', () => {
    const page = [row('a'), row('b')];
    expect(mergeSelection([row('x'), row('a'), row('b')], [row('b')], page).map((r) => r.attemptId)).toEqual(['x', 'b']);
  });

  it('ignores rows the table reports from elsewhere and caps the selection', () => {
    const page = Array.from({ length: 12 }, (_, i) => row(String(i)));
    expect(mergeSelection([], [undefined, row('elsewhere'), ...page], page)).toHaveLength(MAX_COMPARED);
    expect(mergeSelection([], [row('elsewhere')], page)).toEqual([]);
  });
});
