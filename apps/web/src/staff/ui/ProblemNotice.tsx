import { Alert } from 'antd';
import { useText, type Texts } from '../i18n';
import { problemOf } from './problems';

type NextStep = Record<string, string>;

/**
 * What to do next for the problems the console's paper and invitation screens (and a candidate's erasure) meet, in the
 * staff's language; other codes fall back to the API's own `detail` (which names the fix too).
 * (The set-up screens' alert, console/ui ErrorAlert, reads problems.ts adviceFor: its own codes.)
 */
const NEXT_STEP: Texts<NextStep & { fallback: string; server: string; network: string; requestId: string }> = {
  'zh-CN': {
    'import.unsupported_file': '只支持 Word (.docx、.doc)、PDF、.txt 或 .md 文件。其他格式请先在 Word/WPS 中另存为 .docx,或复制文字粘贴进来。',
    'import.unreadable_file': '文件已损坏或不是有效的文档:请在 Word 或 WPS 中打开,另存为 .docx 后重新上传,或把文字粘贴进来。',
    'import.encrypted_file': '文件设有密码保护:请去掉密码后另存再上传,或把文字粘贴进来。',
    'import.scanned_pdf': '这个 PDF 是扫描件(只有图片,没有文字层),无法读取:请从 Word/WPS 导出 PDF 或上传 .docx,或把试卷文字粘贴进来。',
    'import.empty': '文档里没有文字:请检查文件,或直接粘贴试卷文字。',
    'import.missing_input': '请选择一个文件,或粘贴试卷文字。',
    'import.no_questions': '没有识别出任何题目:请检查题号格式(如“一、单选题”“1.”),修改后重新识别。',
    'upload.file_too_large': '文件太大(上限 20 MB):请删去图片或拆分后再上传。',
    'upload.expands_too_much': '文件解压后过大:请在 Word/Excel 中另存一份精简的文件再上传。',
    'upload.one_file_only': '一次只能上传一个文件。',
    'paper.not_publishable': '试卷还有错误,不能发布:请先处理下方标红的问题。',
    'paper.archived': '试卷已归档,不能修改或发布:请先恢复它。',
    'paper.not_published': '试卷还未发布:请先发布,再邀请候选人。',
    'paper.invalid': '试卷内容有误:请按各处的提示修改后再保存。',
    'question.invalid': '题目内容有误:请按各字段旁的提示修改后再保存。',
    'invitation.exists': '该候选人已被邀请参加这份试卷:请在列表中找到他,重新发送或延长期限。',
    'invitation.invalid': '邀请的时间或状态不允许这样做:请检查有效期后重试。',
    'candidate.attempt_in_progress': '该候选人正在作答,或答卷正在评分,现在不能删除:请等他交卷(或作答时间结束)并出分后再删除,出分通常只需几秒。',
    'request.validation_failed': '有内容缺失或格式不对:请按各字段旁的提示修改。',
    'request.too_large': '内容太多:请删去一部分后重试。',
    'request.rate_limited': '操作太频繁:请稍等一分钟再试。',
    'auth.role_required': '你的账号没有此操作的权限:请联系管理员。',
    fallback: '操作没有成功:',
    server: '服务器出错了:请稍后重试。',
    network: '网络连接失败:请检查网络后重试。',
    requestId: '若一直失败,请把请求编号告诉管理员:',
  },
  en: {
    'import.unsupported_file': 'Only Word (.docx, .doc), PDF, .txt and .md files are read. Save other formats as .docx in Word or WPS first, or paste the text.',
    'import.unreadable_file': 'The file is damaged or not a valid document: open it in Word or WPS, save it again as .docx and upload that, or paste the text.',
    'import.encrypted_file': 'The file is password-protected: save it again without the password, or paste the text.',
    'import.scanned_pdf': 'This PDF is a scan (images only, no text layer) and cannot be read: export the PDF from Word or WPS, upload the .docx, or paste the text.',
    'import.empty': 'The document has no text: check the file, or paste the paper’s text.',
    'import.missing_input': 'Choose a file or paste the paper’s text.',
    'import.no_questions': 'No question was recognised: check the numbering (e.g. “一、单选题”, “1.”), fix it and read it again.',
    'upload.file_too_large': 'The file is too large (20 MB at most): remove pictures or split it, then upload again.',
    'upload.expands_too_much': 'The file expands to too much data: save a leaner copy in Word or Excel and upload that.',
    'upload.one_file_only': 'Upload one file at a time.',
    'paper.not_publishable': 'The paper still has errors and cannot be published: fix the ones marked in red below.',
    'paper.archived': 'The paper is archived and cannot be changed or published: restore it first.',
    'paper.not_published': 'The paper is not published yet: publish it, then invite candidates.',
    'paper.invalid': 'Something in the paper is wrong: follow the notes beside it and save again.',
    'question.invalid': 'Something in the question is wrong: follow the notes beside each field and save again.',
    'invitation.exists': 'This candidate is already invited to this paper: find them in the list to resend or extend.',
    'invitation.invalid': 'The window or status does not allow this: check the dates and try again.',
    'candidate.attempt_in_progress': 'The candidate is taking a test now, or it is being scored, so they cannot be erased yet: erase them once they have submitted (or their time is up) and the test is scored, which takes seconds.',
    'request.validation_failed': 'Some fields are missing or wrong: follow the note beside each field.',
    'request.too_large': 'Too much content: remove some and try again.',
    'request.rate_limited': 'Too many attempts: wait a minute and try again.',
    'auth.role_required': 'Your account may not do this: ask an admin.',
    fallback: 'That did not work: ',
    server: 'The server had a problem: try again in a moment.',
    network: 'No connection to the server: check your network and try again.',
    requestId: 'If it keeps failing, give an admin this request id: ',
  },
};

/** One sentence saying what went wrong and what to do next. */
export function useProblemText(): (error: unknown) => string {
  const text = useText(NEXT_STEP);
  return (error) => {
    const problem = problemOf(error);
    if (problem.status === 0) return text.network;
    const reference = problem.requestId;
    if (problem.status >= 500) return `${text.server}${reference ? ` ${text.requestId}${reference}` : ''}`;
    const step = text[problem.code];
    if (step) return step;
    return `${text.fallback}${problem.detail ?? problem.title ?? problem.code}`;
  };
}

/** The problem of a failed call as an alert: what happened, what to do; nothing when there is none. */
export function ProblemNotice({ error, className }: { error: unknown; className?: string }) {
  const describe = useProblemText();
  if (!error) return null;
  return <Alert className={className ?? 'gap-bottom'} type="error" showIcon title={describe(error)} role="alert" />;
}
