import type { InvitationIntro } from './links.service';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const TEXT = {
  'zh-CN': {
    hello: (n: string) => `${n},您好`,
    invited: (t: string, r: string) => `${t}邀请您参加「${r}」岗位的在线测评。`,
    duration: '答题时长',
    minutes: '分钟',
    questions: '题目数量',
    window: '有效时间',
    rulesTitle: '测评须知',
    rules: [
      '点击“开始测评”后开始计时,计时由服务器掌握,中途离开不会暂停。',
      '答案在作答过程中自动保存;网络中断或关闭页面后,重新打开本链接即可继续作答。',
      '到达时间后系统将自动交卷。',
      '请独立完成,切换窗口、粘贴等操作会被记录。',
    ],
    notYet: (when: string) => `测评将于 ${when} 开放,请届时再打开本链接。`,
    closed: '本测评已结束或已提交,无需再次作答。',
    start: '开始测评',
    to: '至',
  },
  en: {
    hello: (n: string) => `Hello ${n},`,
    invited: (t: string, r: string) => `${t} invites you to an online assessment for the ${r} role.`,
    duration: 'Time allowed',
    minutes: 'minutes',
    questions: 'Questions',
    window: 'Available',
    rulesTitle: 'Before you start',
    rules: [
      'The timer starts when you press "Start"; the server keeps time and it does not pause.',
      'Your answers are saved as you type; if your connection drops or you close the page, open this link again to continue.',
      'When time is up, your answers are submitted automatically.',
      'Work on your own: switching windows and pasting are recorded.',
    ],
    notYet: (when: string) => `The assessment opens on ${when}; please come back then.`,
    closed: 'This assessment is finished or already submitted.',
    start: 'Start',
    to: 'to',
  },
} as const;

/** The intro a candidate sees on opening the personal link, in their language, phone-friendly. */
export function renderIntroPage(intro: InvitationIntro, timeZone: string): string {
  const t = TEXT[intro.locale];
  const when = (iso: string) =>
    new Intl.DateTimeFormat(intro.locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const notOpenYet = new Date(intro.opensAt) > new Date(intro.serverTime);
  const state = intro.canStart
    ? `<button id="start" type="button">${escapeHtml(t.start)}</button>`
    : `<p class="note">${escapeHtml(notOpenYet ? t.notYet(when(intro.opensAt)) : t.closed)}</p>`;
  return `<!doctype html>
<html lang="${intro.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(intro.paperTitle)}</title>
<style>body{font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;margin:0;padding:24px 16px;color:#1f2933;background:#f5f7fa;line-height:1.6}
main{max-width:640px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 8px}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px}dt{color:#52606d}dd{margin:0}
button{width:100%;padding:14px;font-size:18px;background:#2563eb;color:#fff;border:0;border-radius:8px}.note{color:#52606d}</style></head>
<body><main>
<p>${escapeHtml(t.hello(intro.candidateName))}</p>
<p>${escapeHtml(t.invited(intro.tenantName, intro.jobRoleName))}</p>
<h1>${escapeHtml(intro.paperTitle)}</h1>
${intro.instructions ? `<p>${escapeHtml(intro.instructions)}</p>` : ''}
<dl><dt>${escapeHtml(t.duration)}</dt><dd>${intro.durationMinutes} ${escapeHtml(t.minutes)}</dd>
<dt>${escapeHtml(t.questions)}</dt><dd>${intro.questionCount}</dd>
<dt>${escapeHtml(t.window)}</dt><dd>${escapeHtml(when(intro.opensAt))} ${escapeHtml(t.to)} ${escapeHtml(when(intro.closesAt))}</dd></dl>
<h2>${escapeHtml(t.rulesTitle)}</h2><ul>${t.rules.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>
${state}
</main></body></html>`;
}
