import { blankMatches, normaliseBlank } from './normalise';

describe('normaliseBlank', () => {
  it.each([
    ['ＡＢＣ', 'abc'],
    ['ABC', 'abc'],
    ['１２３', '123'],
    ['北京 ', '北京'],
    ['  北　京  ', '北京'], // U+3000 ideographic space inside
    ['北京。', '北京'],
    ['北京.', '北京'],
    ['北京．', '北京'], // full-width full stop
    ['北京，', '北京'],
    ['北京 。', '北京'],
    ['“北京”', '北京'],
    ['「北京」', '北京'],
    ['：北京', '北京'],
    ['New York', 'newyork'],
    ['a\u200Bb', 'ab'], // zero-width space from copy-paste
    ['（１）', '(1)'], // full-width parentheses fold to ASCII and are kept
    ['a\tb\nc', 'abc'],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseBlank(input)).toBe(expected);
  });

  it.each(['-5', '.5', '50%', 'c++', '(a)'])('keeps meaningful punctuation in %j', (input) => {
    expect(normaliseBlank(input)).toBe(input);
  });

  it('folds full-width punctuation inside the text', () => {
    expect(normaliseBlank('１，２：３')).toBe('1,2:3');
  });

  it('keeps case when caseSensitive is true', () => {
    expect(normaliseBlank('ＡＢＣ', { caseSensitive: true })).toBe('ABC');
    expect(normaliseBlank('Abc', { caseSensitive: true })).not.toBe(normaliseBlank('abc', { caseSensitive: true }));
  });

  it('collapses rather than removes whitespace when ignoreWhitespace is false', () => {
    expect(normaliseBlank('  New　　York 。', { ignoreWhitespace: false })).toBe('new york');
  });

  it('reduces punctuation-only text to the empty string', () => {
    expect(normaliseBlank(' 。 ')).toBe('');
  });
});

describe('blankMatches', () => {
  it('matches any accepted answer after normalisation', () => {
    expect(blankMatches('ＡＢＣ', ['xyz', 'abc'])).toBe(true);
    expect(blankMatches('北京 ', ['北京'])).toBe(true);
  });

  it('does not match a different answer', () => {
    expect(blankMatches('上海', ['北京'])).toBe(false);
  });

  it('never matches an empty response, even against an empty accepted answer', () => {
    expect(blankMatches('  ', ['', '北京'])).toBe(false);
    expect(blankMatches('。', ['。'])).toBe(false);
  });

  it('honours caseSensitive', () => {
    expect(blankMatches('abc', ['ABC'], { caseSensitive: true })).toBe(false);
    expect(blankMatches('ＡＢＣ', ['ABC'], { caseSensitive: true })).toBe(true);
  });
});
