import type { ReportLocale } from '@assay/contracts';

/**
 * The PDF's language: `?lang=` when given, else the first language of Accept-Language (by its
 * q-values) that the report is written in, else the company's locale. Any Chinese (zh, zh-TW,
 * zh-HK, ...) reads the Chinese report, which is Simplified; names and titles stay as typed.
 */
export function reportLocale(lang: ReportLocale | undefined, acceptLanguage: string | undefined, tenantLocale: string): ReportLocale {
  if (lang) return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((x, y) => y.q - x.q || x.index - y.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return tenantLocale === 'en' ? 'en' : 'zh-CN';
}
