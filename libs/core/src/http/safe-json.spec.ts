import { assertWellFormedText, mayHoldLoneSurrogate } from './safe-json';

describe('mayHoldLoneSurrogate', () => {
  it('is false for UTF-8 text without a surrogate escape, emoji and CJK included: nothing parsed from it can hold one', () => {
    for (const text of ['{"answer":"B","seq":1}', '{"answer":{"text":"长答案 😀"},"seq":2}', '{"a":"\\u00e9\\n","b":"\\\\"}']) {
      expect(mayHoldLoneSurrogate(text)).toBe(false);
      expect(() => assertWellFormedText(JSON.parse(text))).not.toThrow();
    }
  });

  it('is true for any surrogate escape, in either case, paired or not, in a value or a key', () => {
    for (const text of ['{"a":"\\ud83d"}', '{"a":"\\uDC00"}', '{"a":"\\ud83d\\ude00"}', '{"\\uD800":1}']) expect(mayHoldLoneSurrogate(text)).toBe(true);
  });

  it('is true for an escaped backslash before "ud800" (a false alarm: the full check then finds nothing)', () => {
    const text = '{"a":"\\\\ud800"}';
    expect(mayHoldLoneSurrogate(text)).toBe(true);
    expect(() => assertWellFormedText(JSON.parse(text))).not.toThrow();
  });

  it('a lone surrogate decoded from raw bytes is impossible: Node turns an encoded surrogate into U+FFFD', () => {
    const text = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]).toString('utf8');
    expect(mayHoldLoneSurrogate(text)).toBe(false);
    expect(() => assertWellFormedText(JSON.parse(text))).not.toThrow();
  });
});
