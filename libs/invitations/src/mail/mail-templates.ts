import type { MailLocale } from '../entities/invitation.entity';
import type { StaffNotice } from '@assay/core';

export interface InvitationMailData {
  kind: 'invitation' | 'reminder';
  locale: MailLocale;
  tenantName: string;
  candidateName: string;
  paperTitle: string;
  jobRoleName: string;
  durationMinutes: number;
  questionCount: number;
  opensAt: Date;
  closesAt: Date;
  link: string;
  timeZone: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function formatWhen(date: Date, locale: MailLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

const COPY = {
  'zh-CN': {
    subject: (d: InvitationMailData) =>
      d.kind === 'reminder' ? `提醒:${d.tenantName}的在线测评「${d.paperTitle}」即将截止` : `${d.tenantName}邀请您参加在线测评「${d.paperTitle}」`,
    greeting: (d: InvitationMailData) => `${d.candidateName},您好:`,
    intro: (d: InvitationMailData) =>
      d.kind === 'reminder'
        ? `您尚未开始${d.tenantName}「${d.jobRoleName}」岗位的在线测评,测评链接将于 ${formatWhen(d.closesAt, 'zh-CN', d.timeZone)} 失效。`
        : `${d.tenantName}邀请您参加「${d.jobRoleName}」岗位的在线测评。`,
    facts: (d: InvitationMailData) => [
      `测评名称:${d.paperTitle}`,
      `答题时长:${d.durationMinutes} 分钟(开始后计时,中途离开计时不会暂停)`,
      `题目数量:${d.questionCount} 题`,
      `有效时间:${formatWhen(d.opensAt, 'zh-CN', d.timeZone)} 至 ${formatWhen(d.closesAt, 'zh-CN', d.timeZone)}`,
    ],
    action: '点击下面的个人专属链接查看说明并开始测评(打开链接不会开始计时):',
    note: '答案会在作答过程中自动保存;网络中断或关闭页面后,重新打开链接即可继续。此链接仅供您本人使用,请勿转发。',
    button: '查看测评说明',
    signature: (d: InvitationMailData) => `${d.tenantName} 招聘团队`,
  },
  en: {
    subject: (d: InvitationMailData) =>
      d.kind === 'reminder' ? `Reminder: your ${d.tenantName} assessment "${d.paperTitle}" closes soon` : `${d.tenantName} invites you to an online assessment: ${d.paperTitle}`,
    greeting: (d: InvitationMailData) => `Dear ${d.candidateName},`,
    intro: (d: InvitationMailData) =>
      d.kind === 'reminder'
        ? `You have not started your ${d.tenantName} assessment for the ${d.jobRoleName} role yet. Your link stops working on ${formatWhen(d.closesAt, 'en', d.timeZone)}.`
        : `${d.tenantName} invites you to an online assessment for the ${d.jobRoleName} role.`,
    facts: (d: InvitationMailData) => [
      `Assessment: ${d.paperTitle}`,
      `Time allowed: ${d.durationMinutes} minutes (the timer starts when you start and does not pause)`,
      `Questions: ${d.questionCount}`,
      `Available: ${formatWhen(d.opensAt, 'en', d.timeZone)} to ${formatWhen(d.closesAt, 'en', d.timeZone)}`,
    ],
    action: 'Open your personal link to read the instructions and start (opening it does not start the timer):',
    note: 'Your answers are saved as you type; if your connection drops or you close the page, open the link again to continue. The link is for you only; please do not forward it.',
    button: 'View the assessment',
    signature: (d: InvitationMailData) => `The ${d.tenantName} recruiting team`,
  },
} as const;

/** Invitation and reminder emails, in the candidate's language, with the tenant's name. */
export function renderInvitationMail(data: InvitationMailData): RenderedMail {
  const copy = COPY[data.locale];
  const facts = copy.facts(data);
  const text = [copy.greeting(data), '', copy.intro(data), '', ...facts, '', copy.action, data.link, '', copy.note, '', copy.signature(data)].join('\n');
  const html = `<!doctype html><html lang="${data.locale}"><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#1f2933">
<p>${escapeHtml(copy.greeting(data))}</p>
<p>${escapeHtml(copy.intro(data))}</p>
<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
<p>${escapeHtml(copy.action)}</p>
<p><a href="${escapeHtml(data.link)}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(copy.button)}</a></p>
<p style="font-size:13px;color:#52606d">${escapeHtml(data.link)}</p>
<p style="font-size:13px;color:#52606d">${escapeHtml(copy.note)}</p>
<p>${escapeHtml(copy.signature(data))}</p>
</body></html>`;
  return { subject: copy.subject(data), text, html };
}

const NOTICE_COPY = {
  'zh-CN': {
    subject: (tenantName: string) => `${tenantName}:Webhook 接收地址已被停用`,
    lines: (notice: StaffNotice) => [
      `Webhook 接收地址 ${notice.url} 持续投递失败,已被自动停用,不再发送新的事件。`,
      `原因:${notice.reason}`,
      '请检查接收方服务后,在 Webhooks 设置中将其重新启用;等待中的事件会按顺序补发。',
    ],
  },
  en: {
    subject: (tenantName: string) => `${tenantName}: a webhook endpoint was disabled`,
    lines: (notice: StaffNotice) => [
      `The webhook endpoint ${notice.url} kept failing and was disabled; no new events are sent to it.`,
      `Reason: ${notice.reason}`,
      'Fix the receiver, then enable the endpoint again in the webhook settings: the events waiting for it are sent in order.',
    ],
  },
} as const;

/** A notice to a tenant's admin, in the tenant's language. */
export function renderStaffNotice(notice: StaffNotice, locale: MailLocale, tenantName: string): RenderedMail {
  const copy = NOTICE_COPY[locale];
  const lines = copy.lines(notice);
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#1f2933">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</body></html>`;
  return { subject: copy.subject(tenantName), text: lines.join('\n\n'), html };
}
