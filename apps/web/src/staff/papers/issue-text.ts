import type { Texts } from '../i18n';

/**
 * The paper validation codes (docs/papers.md "Validation") as staff read them: what is wrong and
 * what to do. A code not listed shows the API's message.
 */
export const ISSUE_TEXT: Texts<Record<string, string>> = {
  'zh-CN': {
    PAPER_NO_SECTIONS: '试卷还没有部分:点“添加部分”,再从题库选题或设置随机抽题。',
    SECTION_EMPTY: '这一部分没有题目:从题库选题,或改为随机抽题,或删除这一部分。',
    DRAW_POOL_TOO_SMALL: '题库中符合条件的题目少于抽题数:减少抽题数,或放宽抽题条件。',
    QUESTION_REPEATED: '这道题在两个部分中都出现了:从其中一个部分移除。',
    ANSWER_KEY_REQUIRED: '客观题缺少答案:点“编辑题目”填写答案。',
    BLANK_NO_ACCEPTED_ANSWER: '有空缺少可接受的答案:点“编辑题目”为每个空填写答案。',
    RUBRIC_EMPTY: '主观题缺少评分标准:点“编辑题目”添加至少一条评分项。',
    RUBRIC_SUM_MISMATCH: '评分标准合计与本部分每题分值不符:编辑题目的评分标准,或勾选本部分的“按分值缩放评分标准”。',
    PASS_MARK_ABOVE_TOTAL: '及格线高于总分,没有人能及格:降低及格线。',
    TOTAL_NOT_100: '总分不是 100:如需百分制,请调整各部分每题分值。',
    NO_PASS_MARK: '没有设置及格线:如需判定是否通过,请填写及格线。',
    POOLS_OVERLAP: '两个随机抽题部分可能抽到同一道题:收窄其中一个的抽题条件。',
  },
  en: {
    PAPER_NO_SECTIONS: 'The paper has no sections: add a section, then pick questions from the bank or set a random draw.',
    SECTION_EMPTY: 'This section has no questions: pick some from the bank, make it a random draw, or remove it.',
    DRAW_POOL_TOO_SMALL: 'Fewer bank questions match than the draw takes: lower the count or widen the criteria.',
    QUESTION_REPEATED: 'This question is in two sections: remove it from one of them.',
    ANSWER_KEY_REQUIRED: 'This objective question has no answer key: edit the question and set it.',
    BLANK_NO_ACCEPTED_ANSWER: 'A blank has no accepted answer: edit the question and give each blank one.',
    RUBRIC_EMPTY: 'This open question has no rubric: edit the question and add at least one criterion.',
    RUBRIC_SUM_MISMATCH: 'The rubric does not add up to the section’s points: edit the rubric, or tick “scale rubrics” on the section.',
    PASS_MARK_ABOVE_TOTAL: 'The pass mark is above the total, so nobody can pass: lower it.',
    TOTAL_NOT_100: 'The total is not 100: change the points per question if you want a percentage.',
    NO_PASS_MARK: 'No pass mark: set one if candidates should pass or fail.',
    POOLS_OVERLAP: 'Two random draws can pick the same question: narrow one of the pools.',
  },
};

/** The text of an issue in the staff's language, by its code (the rarer codes keep the API's message; the question's edit button is beside them). */
export function issueText(texts: Record<string, string>, issue: { code: string; message: string }): string {
  return texts[issue.code] ?? issue.message;
}
