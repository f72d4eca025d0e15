import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonWords } from '@zxcvbn-ts/language-common';
import { dictionary as englishWords, translations } from '@zxcvbn-ts/language-en';

/** zxcvbn's scale: 0 (guessed at once) to 4 (very hard); 3 resists an offline attack on a slow hash. */
export const MIN_PASSWORD_SCORE = 3;

/**
 * Only the first 64 characters are estimated: zxcvbn's matching grows fast with length (a random
 * 200-character password cost 2.6 s of CPU), and 64 characters of a strong passphrase are strong.
 */
const ESTIMATED_LENGTH = 64;

let estimator: ZxcvbnFactory | undefined;

/** Loaded on first use (the dictionaries take a tenth of a second), once per thread. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    maxLength: ESTIMATED_LENGTH,
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonWords, ...englishWords },
  });
  return estimator;
}

/**
 * Why a password is too easy to guess, with what to do instead; null when it is strong enough.
 * `userInputs` are what an attacker knows about the account (email, names, company): a password
 * made of them counts as guessed. Runs in a worker thread (PasswordPolicy), as it can take
 * a few hundred milliseconds of CPU.
 */
export function passwordWeakness({ password, userInputs }: { password: string; userInputs: string[] }): string | null {
  const result = zxcvbn().check(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ?? 'It is too easy to guess.';
  const next = result.feedback.suggestions.length > 0 ? result.feedback.suggestions.join(' ') : 'Add more words that are less common.';
  return `too easy to guess (strength ${result.score} of 4, at least ${MIN_PASSWORD_SCORE} needed): ${why} ${next}`;
}

/** The words of an email, a name or a company an attacker would try first. */
export function accountWords(...values: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    words.add(value.toLowerCase());
    for (const part of value.toLowerCase().split(/[\s@._+-]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}
