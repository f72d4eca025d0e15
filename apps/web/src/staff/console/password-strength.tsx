import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { Progress } from 'antd';
import { useEffect, useState } from 'react';
import { useLocale, useText, type Texts } from '../i18n';

/** A password at or below this zxcvbn score (0-4) is refused before it is sent. */
export const WEAKEST_ACCEPTED_SCORE = 2;

let estimator: Promise<ZxcvbnFactory> | null = null;

/** zxcvbn with its dictionaries (about 850 KB gzipped): loaded on the first keystroke in the password, never before. */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({ translations: en.translations, graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...en.dictionary } }),
  );
  return estimator;
}

export interface Strength {
  score: number;
  /** zxcvbn's advice, in English. */
  warning: string | null;
}

/** The strength of `password` (null until the estimator has loaded); `related` are words it must not lean on (name, email, company). */
export async function passwordStrength(password: string, related: string[]): Promise<Strength> {
  const result = (await loadEstimator()).check(password, related.filter(Boolean));
  return { score: result.score, warning: result.feedback.warning };
}

const TEXT: Texts<{ label: string; levels: string[]; weakHint: string }> = {
  'zh-CN': {
    label: '密码强度',
    levels: ['很弱', '弱', '一般', '强', '很强'],
    weakHint: '太容易被猜到:多加几个不相关的词,避免姓名、公司名、生日和常见密码。',
  },
  en: {
    label: 'Password strength',
    levels: ['very weak', 'weak', 'fair', 'strong', 'very strong'],
    weakHint: 'Too easy to guess: add a few unrelated words; avoid names, the company name, birthdays and common passwords.',
  },
};

/** A meter of the password's strength with what to do when it is too weak (read out politely). */
export function PasswordMeter({ password, related }: { password: string; related: string[] }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const [strength, setStrength] = useState<Strength | null>(null);
  const key = related.join('\n');
  useEffect(() => {
    let current = true;
    if (password) void passwordStrength(password, key.split('\n')).then((result) => current && setStrength(result));
    else setStrength(null);
    return () => {
      current = false;
    };
  }, [password, key]);
  if (!strength) return null;
  const weak = strength.score < WEAKEST_ACCEPTED_SCORE;
  return (
    <div className="console-strength" aria-live="polite">
      <Progress percent={(strength.score + 1) * 20} steps={5} showInfo={false} strokeColor={weak ? '#c81e1e' : '#166534'} aria-label={text.label} />
      <span>
        {text.label}: {text.levels[strength.score]}
      </span>
      {weak && <div className="console-help">{locale === 'en' && strength.warning ? `${strength.warning}. ${text.weakHint}` : text.weakHint}</div>}
    </div>
  );
}
