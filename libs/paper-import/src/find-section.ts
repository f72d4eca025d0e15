import type { SectionDraft } from './drafts';
import type { SectionHeading } from './sections';
import { typeFromTitle } from './type-words';

/** A title as a key heading may repeat it: without declarations, "答案"/"解析" words, spacing and punctuation. */
export function comparableTitle(title: string): string {
  return title
    .replace(/\(.*?\)/g, '')
    .replace(/参考答案|答案与解析|答案及解析|答案|解析|部分|[\s:.、]/g, '');
}

/**
 * The paper section an answer-key heading refers to: by title ("一、单选题答案" for "一、单选题(共…)"),
 * then by a title containing the other, then by type word, then by number (only a section that holds
 * questions: a group heading has none). Null when none, or more than one, fits.
 */
export function findSection(sections: SectionDraft[], heading: SectionHeading): SectionDraft | null {
  const key = comparableTitle(heading.titleNorm);
  const titled = sections.flatMap((section) => (section.heading ? [{ section, h: section.heading }] : []));
  const unique = (found: typeof titled) => (found.length === 1 ? found[0].section : null);
  if (key !== '') {
    const same = unique(titled.filter(({ h }) => comparableTitle(h.titleNorm) === key));
    if (same) return same;
    const near = unique(
      titled.filter(({ h }) => {
        const t = comparableTitle(h.titleNorm);
        return t !== '' && (t.includes(key) || key.includes(t));
      }),
    );
    if (near) return near;
    const type = JSON.stringify(typeFromTitle(key));
    const typed = type !== 'null' ? unique(titled.filter(({ h }) => JSON.stringify(typeFromTitle(h.titleNorm)) === type)) : null;
    if (typed) return typed;
  }
  return unique(titled.filter(({ section, h }) => h.style === heading.style && h.ordinal === heading.ordinal && section.questions.length > 0));
}
