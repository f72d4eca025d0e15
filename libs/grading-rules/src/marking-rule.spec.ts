import { resolveMarks, tolerancePoints } from './marking-rule';

describe('tolerancePoints', () => {
  it('takes points as they are, or a share of the question', () => {
    expect(tolerancePoints({ kind: 'points', value: 2 }, 10)).toBe(2);
    expect(tolerancePoints({ kind: 'share', value: 0.15 }, 20)).toBe(3);
  });
});

describe('resolveMarks', () => {
  const double = (marks: Parameters<typeof resolveMarks>[0]['marks']) => resolveMarks({ mode: 'double', tolerance: 2, marks });

  it('single: the first mark is final', () => {
    expect(resolveMarks({ mode: 'single', tolerance: 0, marks: {} })).toEqual({ kind: 'needs', round: 'first' });
    expect(resolveMarks({ mode: 'single', tolerance: 0, marks: { first: 7.5 } })).toEqual({ kind: 'final', points: 7.5, basis: 'single' });
  });

  it('double, agreeing within tolerance: the mean (quarter points kept)', () => {
    expect(double({ first: 7 })).toEqual({ kind: 'needs', round: 'second' });
    expect(double({ first: 7, second: 9 })).toEqual({ kind: 'final', points: 8, basis: 'double_agreed' });
    expect(double({ first: 7, second: 7.5 })).toEqual({ kind: 'final', points: 7.25, basis: 'double_agreed' });
  });

  it('double, disagreeing: a third mark, averaged with the closest earlier mark within tolerance', () => {
    expect(double({ first: 4, second: 9 })).toEqual({ kind: 'needs', round: 'third' });
    // 8 is closest to 9 (1 apart, within 2): (8 + 9) / 2.
    expect(double({ first: 4, second: 9, third: 8 })).toEqual({ kind: 'final', points: 8.5, basis: 'third_agreed' });
    // 5 is closest to 4.
    expect(double({ first: 4, second: 9, third: 5 })).toEqual({ kind: 'final', points: 4.5, basis: 'third_agreed' });
  });

  it('third mark exactly between two marks within tolerance of both: the mean of all three', () => {
    expect(resolveMarks({ mode: 'double', tolerance: 1.5, marks: { first: 4, second: 6.5, third: 5.25 } })).toEqual({ kind: 'final', points: 5.25, basis: 'third_agreed' });
  });

  it('third mark within tolerance of neither: arbitration, whose mark is final', () => {
    expect(double({ first: 1, second: 9, third: 5 })).toEqual({ kind: 'needs', round: 'arbitration' });
    expect(double({ first: 1, second: 9, third: 5, arbitration: 6 })).toEqual({ kind: 'final', points: 6, basis: 'arbitration' });
  });

  it('tolerance is inclusive and exact in hundredths (0.1 + 0.2 style noise ignored)', () => {
    expect(resolveMarks({ mode: 'double', tolerance: 0.3, marks: { first: 0.1, second: 0.4 } })).toMatchObject({ kind: 'final', points: 0.25 });
  });

  it('assisted double: the human mark is final when the suggestion agrees; otherwise a second human, then the double rule', () => {
    const assisted = (marks: Parameters<typeof resolveMarks>[0]['marks'], suggestion: number | null) =>
      resolveMarks({ mode: 'assisted_double', tolerance: 2, marks, suggestion });
    expect(assisted({ first: 6 }, 7)).toEqual({ kind: 'final', points: 6, basis: 'assisted_agreed' });
    expect(assisted({ first: 2 }, 7)).toEqual({ kind: 'needs', round: 'second' });
    expect(assisted({ first: 6 }, null)).toEqual({ kind: 'needs', round: 'second' });
    expect(assisted({ first: 2, second: 3 }, 7)).toEqual({ kind: 'final', points: 2.5, basis: 'double_agreed' });
    expect(assisted({ first: 2, second: 8 }, 7)).toEqual({ kind: 'needs', round: 'third' });
  });
});
