import { spreadsheetCellText, spreadsheetSafeCell } from './spreadsheet-cell';

describe('spreadsheet cells', () => {
  it.each(['=HYPERLINK("http://x","y")', '+SUM(1)', '-1+1', '@x', '\tx'])('escapes the formula-leading %j and reads it back', (text) => {
    expect(spreadsheetSafeCell(text)).toBe(`'${text}`);
    expect(spreadsheetCellText(spreadsheetSafeCell(text))).toBe(text);
  });

  it("leaves other text alone, an apostrophe of the user's own included", () => {
    for (const text of ['客服', "'quoted", 'a=b', '']) {
      expect(spreadsheetSafeCell(text)).toBe(text);
      expect(spreadsheetCellText(text)).toBe(text);
    }
  });
});
