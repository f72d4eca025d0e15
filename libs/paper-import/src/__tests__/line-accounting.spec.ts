import { importPaper } from '../import-paper';
import { readSample, unaccountedLines } from './helpers';

describe('line accounting', () => {
  it.each(['cs-manager-interview-2026.txt', 'online-cs-interview-2026.txt', 'ecommerce-cs-question-bank.txt'])('accounts for every line of %s', (name) => {
    const text = readSample(name);
    expect(unaccountedLines(text, importPaper(text))).toEqual([]);
  });
});
