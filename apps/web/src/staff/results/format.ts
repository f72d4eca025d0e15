import type { Locale } from '../i18n';

/** Numbers as the results show them: one decimal at most, a dash for a blank figure. */
export const DASH = '–';

export function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

/** A share 0-1 as a percentage. */
export function pct(share: number | null | undefined, digits = 0): string {
  return share === null || share === undefined ? DASH : `${num(share * 100, digits)}%`;
}

/** A score in the report's unit: points "12.5" or percent "62.5%". */
export function score(value: number | null | undefined, unit: 'points' | 'percent'): string {
  return value === null || value === undefined ? DASH : unit === 'percent' ? `${num(value)}%` : num(value);
}

export function seconds(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return DASH;
  const s = Math.round(value);
  if (s < 60) return locale === 'en' ? `${s} s` : `${s} 秒`;
  return locale === 'en' ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
}

export function dateTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Tag colours with white text at WCAG AA contrast (Ant Design's preset light tags read below 4.5:1):
 * good, warning, bad, neutral information.
 */
export const TAG = { good: '#237804', warn: '#ad4e00', bad: '#a8071a', info: '#1d4ed8' } as const;

/** The file name a Content-Disposition gives: its UTF-8 `filename*` (a candidate's name), else `filename`, else `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '')?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // A malformed escape: the plain name below.
    }
  }
  return /filename="([^"]+)"/.exec(header ?? '')?.[1] ?? fallback;
}
