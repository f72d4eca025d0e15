import type { Texts } from '../i18n';

/**
 * The item and paper flags of docs/analytics.md in the staff app's languages: a short name and
 * what to do (the API's `advice` is the English one; the codes are an enum of the schema, so a new
 * code fails the type check here).
 */
export type FlagCode = 'too_hard' | 'too_easy' | 'low_discrimination' | 'negative_discrimination' | 'low_reliability';

export const FLAG_TEXT: Texts<Record<FlagCode, { name: string; advice: string }>> = {
  'zh-CN': {
    too_hard: { name: '过难', advice: '得分率低于 20%:先核对答案和题干措辞,或移到更难的试卷。' },
    too_easy: { name: '过易', advice: '得分率高于 80%:几乎区分不出考生;加大难度或删去。' },
    low_discrimination: { name: '区分度低', advice: '难以区分强弱考生:修改或替换此题。' },
    negative_discrimination: { name: '负区分度', advice: '较弱的考生反而答得更好:先检查答案是否设错,再看措辞。' },
    low_reliability: { name: '信度低', advice: '内部一致性(α)低于 0.7:分数噪声太大,不宜细分排名;增加题目或删去被标记的题。' },
  },
  en: {
    too_hard: { name: 'Too hard', advice: 'Fewer than 20% of the marks were earned: check the key and the wording, or move it to a harder paper.' },
    too_easy: { name: 'Too easy', advice: 'More than 80% of the marks were earned: it barely separates candidates; make it harder or drop it.' },
    low_discrimination: { name: 'Low discrimination', advice: 'It hardly tells strong from weak candidates: revise it or replace it.' },
    negative_discrimination: { name: 'Negative discrimination', advice: 'Weaker candidates did better on it than stronger ones: check the answer key first, then the wording.' },
    low_reliability: { name: 'Low reliability', advice: 'Internal consistency (alpha) is below 0.7: scores are too noisy to rank candidates closely; add questions or remove the flagged ones.' },
  },
};

