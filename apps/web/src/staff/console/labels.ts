import type { OpenKind, QuestionType, StaffRole } from '@assay/contracts';
import type { Texts } from '../i18n';

/** Names of the product's vocabulary in both languages, shared by the console's screens. */
export const ROLE_LABELS: Texts<Record<StaffRole, string>> = {
  'zh-CN': { admin: '管理员', recruiter: '招聘专员', grader: '阅卷人' },
  en: { admin: 'Admin', recruiter: 'Recruiter', grader: 'Grader' },
};

export const TYPE_LABELS: Texts<Record<QuestionType, string>> = {
  'zh-CN': { single_choice: '单选题', multiple_choice: '多选题', true_false: '判断题', fill_blank: '填空题', short_answer: '简答题', essay: '论述/开放题' },
  en: { single_choice: 'Single choice', multiple_choice: 'Multiple choice', true_false: 'True/false', fill_blank: 'Fill in the blanks', short_answer: 'Short answer', essay: 'Essay / open' },
};

export const KIND_LABELS: Texts<Record<OpenKind, string>> = {
  'zh-CN': { short_answer: '简答', essay: '论述', scenario: '情景', case_analysis: '案例分析', self_introduction: '自我介绍', other: '其他' },
  en: { short_answer: 'Short answer', essay: 'Essay', scenario: 'Scenario', case_analysis: 'Case analysis', self_introduction: 'Self-introduction', other: 'Other' },
};

/** Status tags as solid colours with white text: Ant Design's light presets fall below 4.5:1 contrast. */
export const ACTIVE_COLOUR = '#166534';
export const EXPIRED_COLOUR = '#9a3412';
export const MISSING_COLOUR = '#b91c1c';
