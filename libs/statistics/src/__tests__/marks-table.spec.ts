import { MarksTableError, parseMarksTable, parseMaxMarks } from '../marks-table';

describe('the marks table of npm run stats', () => {
  it('reads labels, marks (blank = not answered) and maxima', () => {
    const table = parseMarksTable([[' Q1', 'Q2 '], ['1', ''], ['0.5', '2'], ['', '']], '1,2');
    expect(table).toEqual({ labels: ['Q1', 'Q2'], marks: [[1, null], [0.5, 2]], maxMarks: [1, 2] });
  });

  it('defaults every maximum to 1', () => {
    expect(parseMaxMarks(undefined, 3)).toEqual([1, 1, 1]);
  });

  it.each([
    [[], undefined, 'the file is empty'],
    [[['Q1', '']], undefined, 'header: column 2 has no label'],
    [[['Q1']], undefined, 'no attempts'],
    [[['Q1', 'Q2'], ['1']], undefined, 'row 2: 1 cells for 2 questions'],
    [[['Q1', 'Q2'], ['1', 'x']], undefined, 'row 2, column 2 (Q2): "x" is not a number'],
    [[['Q1', 'Q2'], ['1', '1']], '1', '--max gives 1 maxima for 2 questions'],
    [[['Q1', 'Q2'], ['1', '1']], '1,0', '--max value 2 must be a positive number'],
  ])('names what is wrong: %j --max %s', (rows, max, message) => {
    expect(() => parseMarksTable(rows as string[][], max)).toThrow(MarksTableError);
    expect(() => parseMarksTable(rows as string[][], max)).toThrow(message);
  });
});
