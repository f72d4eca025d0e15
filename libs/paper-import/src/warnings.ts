import type { ImportWarning, WarningCode } from './types';

/** Short quote of a line for messages, so a long paragraph does not flood the preview. */
export function quote(text: string, max = 24): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max)}…` : t}”`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/**
 * zh-CN texts of every warning, keyed by the stable code. HR users read the message; programs and
 * tests use the code.
 */
const MESSAGES = {
  missing_title: () => '未找到试卷标题,请手动填写。',
  no_questions: () => '未识别到任何试题,请检查文档格式。',
  count_mismatch: (p: { section: string; declared: number; found: number }) =>
    `“${p.section}”声明共${p.declared}题,实际识别到${p.found}题。`,
  section_points_inconsistent: (p: { section: string; count: number; each: number; total: number }) =>
    `“${p.section}”共${p.count}题×每题${fmt(p.each)}分=${fmt(p.count * p.each)}分,与声明的${fmt(p.total)}分不符。`,
  total_mismatch: (p: { sum: number; total: number }) => `各部分分值合计${fmt(p.sum)}分,与试卷总分${fmt(p.total)}分不符。`,
  section_without_points: (p: { section: string }) => `“${p.section}”未标明分值,请为本部分的题目设置分数。`,
  missing_answer: (p: { q: string }) => `${p.q}(客观题)缺少答案,无法自动判分。`,
  missing_reference_answer: (p: { q: string }) => `${p.q}暂无参考答案,建议补充,便于阅卷人统一评分。`,
  answer_without_question: (p: { number: number; section: string }) =>
    `答案“${p.number}”在${p.section}中找不到对应的题目。`,
  unknown_answer_section: (p: { text: string }) => `答案部分的标题${p.text}与试卷中的任何部分都对不上,其下答案无法匹配。`,
  answer_conflict: (p: { q: string }) => `${p.q}在题目下和答案部分给出了不同的答案,已采用题目下的答案。`,
  answer_type_mismatch: (p: { q: string; answer: string; type: string }) =>
    `${p.q}是${p.type},但答案为“${p.answer}”,请核对题型或答案。`,
  answer_not_in_options: (p: { q: string; answer: string }) => `${p.q}的答案“${p.answer}”不在选项中。`,
  unreadable_answer: (p: { q: string; answer: string }) => `${p.q}的答案“${p.answer}”无法识别。`,
  missing_options: (p: { q: string; found: number }) => `${p.q}是选择题,但只识别到${p.found}个选项。`,
  blank_count_mismatch: (p: { q: string; blanks: number; answers: number }) =>
    `${p.q}有${p.blanks}个空,答案却给出了${p.answers}个空的内容。`,
  numbering_gap: (p: { section: string; expected: number; found: number }) =>
    `“${p.section}”的题号不连续:应为第${p.expected}题,实际为第${p.found}题,可能有题目缺失。`,
  rubric_points_mismatch: (p: { q: string; sum: number; points: number }) =>
    `${p.q}的评分标准合计${fmt(p.sum)}分,与该题分值${fmt(p.points)}分不符。`,
  unreadable_rubric: (p: { text: string }) => `评分标准中的${p.text}没有分值,未计入评分标准。`,
  truncated: (p: { text: string }) => `文档在${p.text}处中断,内容可能不完整(疑似被截断),其后的题目和答案缺失。`,
  non_question_text: (p: { section: string; lines: number }) => `“${p.section}”不含试题(${p.lines}行说明性文字),已忽略。`,
  unplaced_line: (p: { text: string }) => `无法归入任何题目的内容${p.text},已忽略。`,
} satisfies Record<WarningCode, (params: never) => string>;


export function warning<C extends WarningCode>(line: number, code: C, ...params: Parameters<(typeof MESSAGES)[C]>): ImportWarning {
  const message = (MESSAGES[code] as (...args: unknown[]) => string)(...params);
  return { line, code, message };
}
