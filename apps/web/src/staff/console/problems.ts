import type { FormInstance } from 'antd';
import { bodyOf, ProblemError, type Problem } from '../../api/client';
import type { Locale } from '../i18n';

/** `options[2].key` -> ['options', 2, 'key']: a problem's field as an antd form name path. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows a problem's field errors next to the form's fields (those whose first segment is in
 * `fields`) and returns the ones no field of the form shows, for the form's alert.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  /** Where the form shows a field the API names differently (e.g. `options[2].key` on the option's text). */
  formField: (field: string) => string = (field) => field,
): { field: string; reason: string }[] {
  const errors = (error instanceof ProblemError ? (error.problem.errors ?? []) : []).map((e) => ({ ...e, field: formField(e.field) }));
  const placed = errors.filter((e) => fields.includes(String(fieldPath(e.field)[0])));
  const byField = new Map<string, string[]>();
  for (const e of placed) byField.set(e.field, [...(byField.get(e.field) ?? []), e.reason]);
  form.setFields([...byField].map(([field, reasons]) => ({ name: fieldPath(field), errors: reasons })));
  return errors.filter((e) => !placed.includes(e));
}

type Advice = Record<Locale, string>;

/** What to do next, for the codes the console's screens meet; the rest fall back on the status. */
const BY_CODE: Record<string, Advice> = {
  'tenant.slug_taken': { 'zh-CN': '这个公司标识已被使用,请换一个。', en: 'This company id is taken; choose another.' },
  'user.email_taken': { 'zh-CN': '该邮箱已有员工账号,请换一个邮箱,或在列表中找到此人修改角色。', en: 'This email already has a staff account; use another email, or find the person in the list and change their roles.' },
  'user.last_admin': { 'zh-CN': '公司必须保留至少一位在用的管理员:请先给另一位员工管理员角色。', en: 'The company must keep one active admin: give another staff member the admin role first.' },
  'job_role.name_taken': { 'zh-CN': '已有同名岗位,请换一个名称,或搜索并编辑已有的岗位。', en: 'A job role with this name exists; choose another name, or search for it and edit it.' },
  'competency.name_taken': { 'zh-CN': '已有同名考察点,请换一个名称,或搜索并编辑已有的考察点。', en: 'A competency with this name exists; choose another name, or search for it and edit it.' },
  'job_role.in_use': { 'zh-CN': '该岗位仍被题目或试卷使用,不能删除:请改为归档。', en: 'Questions or papers still use this job role; archive it instead.' },
  'competency.in_use': { 'zh-CN': '该考察点仍被题目使用,不能删除:请先从这些题目中移除它。', en: 'Questions still use this competency; remove it from them first.' },
  'question.in_use': { 'zh-CN': '有试卷草稿使用这道题,不能删除:请先在试卷中移除它。', en: 'A paper draft uses this question; remove it from the paper first.' },
  'question.invalid': { 'zh-CN': '题目内容有误,请按标出的位置修改后再保存。', en: 'The question has problems; fix the marked fields and save again.' },
  'request.validation_failed': { 'zh-CN': '请按标出的字段修改后再提交。', en: 'Fix the marked fields and submit again.' },
  'import.unreadable_file': { 'zh-CN': '无法读取该文件:请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后重新上传。', en: 'The file could not be read: save it from Excel or WPS as .xlsx or .csv and upload it again.' },
  'upload.file_too_large': { 'zh-CN': '文件超过 20 MB:请拆分成几个文件分别导入。', en: 'The file is over 20 MB: split it into several files and import each.' },
  'upload.expands_too_much': { 'zh-CN': '文件解压后过大:请拆分成几个文件分别导入。', en: 'The file expands too much: split it into several files and import each.' },
  'auth.invalid_credentials': { 'zh-CN': '邮箱或密码不正确,请检查后重试。', en: 'Email or password is wrong; check them and try again.' },
};

const BY_STATUS: Record<number, Advice> = {
  0: { 'zh-CN': '无法连接服务器:请检查网络后重试。', en: 'The server cannot be reached: check your connection and try again.' },
  400: { 'zh-CN': '请按提示修改后再提交。', en: 'Correct what is described and submit again.' },
  401: { 'zh-CN': '登录已失效:请重新登录后再试。', en: 'Your session has ended: sign in again and retry.' },
  403: { 'zh-CN': '您的角色不能执行此操作:请联系管理员分配角色。', en: 'Your role cannot do this: ask an admin for the role.' },
  404: { 'zh-CN': '该记录已不存在(可能已被他人删除):请刷新列表。', en: 'This record no longer exists (someone may have deleted it): refresh the list.' },
  409: { 'zh-CN': '与现有数据冲突:请刷新后再试。', en: 'This conflicts with existing data: refresh and try again.' },
  413: { 'zh-CN': '内容太大:请缩短或拆分后再提交。', en: 'Too large: shorten or split it and submit again.' },
  429: { 'zh-CN': '操作太频繁:请等一分钟再试。', en: 'Too many attempts: wait a minute and try again.' },
  500: { 'zh-CN': '服务器出错:请稍后重试;如仍失败,请把请求编号告诉管理员。', en: 'The server failed: try again later; if it keeps failing, give an admin the request id.' },
};

/** The problem of an error (a network failure is status 0). */
export function problemOf(error: unknown): Problem & { requestId?: string } {
  if (error instanceof ProblemError) return error.problem;
  return { status: 0, code: 'network' };
}

/** One sentence of what went wrong and what to do next, in the user's language. */
export function adviceFor(error: unknown, locale: Locale): { what?: string; next: string; requestId?: string } {
  const problem = problemOf(error);
  const advice = BY_CODE[problem.code] ?? BY_STATUS[problem.status] ?? BY_STATUS[problem.status >= 500 ? 500 : 400];
  // The API's own detail is English; it is shown as the reason only in English, where it reads naturally.
  const what = locale === 'en' && problem.detail && !BY_CODE[problem.code] ? problem.detail : undefined;
  return { what, next: advice[locale], requestId: problem.status >= 500 ? problem.requestId : undefined };
}

/** The body of a successful staff call (typed by the generated schema), or a ProblemError. */
export async function call<D>(request: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  return bodyOf<D>(await request);
}
