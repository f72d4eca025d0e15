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
    exam: { timeLeft: '剩余时间', saved: '已保存', saving: '保存中…', offline: '网络中断,恢复后自动保存', submit: '交卷', confirm: '确定交卷吗?交卷后不能修改。', submitted: '已交卷,感谢参加。', score: '得分', timeUp: '时间到,已自动交卷。', takenOver: '测评已在其他设备上继续,本页面不再保存。', failed: '无法开始,请刷新页面重试。', yes: '正确', no: '错误' },
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
    exam: { timeLeft: 'Time left', saved: 'Saved', saving: 'Saving…', offline: 'Offline: answers will be saved when the connection is back', submit: 'Submit', confirm: 'Submit now? You cannot change answers afterwards.', submitted: 'Submitted. Thank you.', score: 'Score', timeUp: 'Time is up: your answers were submitted.', takenOver: 'The test continues on another device; this page no longer saves.', failed: 'Could not start; reload the page and try again.', yes: 'True', no: 'False' },
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
button{width:100%;padding:14px;font-size:18px;background:#2563eb;color:#fff;border:0;border-radius:8px}.note{color:#52606d}
#bar{position:sticky;top:0;background:#fff;padding:8px 0;display:flex;justify-content:space-between;border-bottom:1px solid #e4e7eb}
.q{margin:16px 0;padding-bottom:12px;border-bottom:1px solid #f0f2f5}.q label{display:block;padding:6px 0}textarea,input[type=text]{width:100%;box-sizing:border-box;padding:8px;font-size:16px}textarea{min-height:120px}</style></head>
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
</main>${intro.canStart ? `<script>${examScript(t.exam)}</script>` : ''}</body></html>`;
}

/**
 * The exam client behind the start button: starts (or resumes with the attempt token kept in
 * localStorage), renders the questions from GET /api/v1/attempts/:id, autosaves every change with
 * an increasing seq (retrying until acknowledged), counts down from the server's secondsLeft,
 * reports focus/visibility/paste events, and submits. Plain ES5-ish script, no framework.
 */
function examScript(text: Record<string, string>): string {
  const json = JSON.stringify(text).replace(/</g, '\\u003c');
  return `(function(){
var T=${json};var link=location.pathname.split('/').pop();var key='assay-attempt:'+link;var api='/api/v1';
var main=document.querySelector('main');var btn=document.getElementById('start');var att=null,seq=0,pending={},timer=null,left=0,done=false,events=[];
function el(tag,attrs,txt){var e=document.createElement(tag);for(var k in attrs||{})e.setAttribute(k,attrs[k]);if(txt!=null)e.textContent=txt;return e;}
function call(method,path,body){var h={'x-attempt-token':att.attemptToken};if(body){h['content-type']='application/json';}
 return fetch(api+'/attempts/'+att.attemptId+path,{method:method,headers:h,body:body?JSON.stringify(body):undefined}).then(function(r){return r.json().then(function(b){return {status:r.status,body:b};});});}
function status(msg){var s=document.getElementById('status');if(s)s.textContent=msg;}
function stop(msg){done=true;clearInterval(timer);main.innerHTML='';main.appendChild(el('p',{'class':'note'},msg));}
function refused(r){if(r.body&&r.body.code==='attempt.taken_over'){stop(T.takenOver);return true;}if(r.body&&(r.body.code==='attempt.time_up'||r.body.code==='attempt.submitted')){stop(T.timeUp);return true;}return false;}
function flush(){var items=Object.keys(pending).map(function(q){return pending[q];});if(!items.length||done)return;status(T.saving);
 call('PUT','/answers',{answers:items}).then(function(r){if(refused(r))return;if(r.status>=300)throw new Error(r.status);
  items.forEach(function(it){if(pending[it.questionId]&&pending[it.questionId].seq<=it.seq)delete pending[it.questionId];});left=r.body.secondsLeft;status(T.saved);
 }).catch(function(){status(T.offline);setTimeout(flush,2000);});}
var debounce=null;function save(q,answer){seq+=1;pending[q]={questionId:q,answer:answer,seq:seq};clearTimeout(debounce);debounce=setTimeout(flush,600);}
function event(type,detail){if(!att||done)return;events.push({type:type,at:new Date().toISOString(),detail:detail});if(events.length===1)setTimeout(function(){var b=events;events=[];call('POST','/events',{events:b}).catch(function(){});},1000);}
function render(view){main.innerHTML='';var bar=el('div',{id:'bar'});var clock=el('strong',{id:'clock'});bar.appendChild(clock);bar.appendChild(el('span',{id:'status'}));main.appendChild(bar);
 main.appendChild(el('h1',{},view.paper.title));var saved={};view.answers.forEach(function(a){saved[a.questionId]=a.answer;if(a.seq>seq)seq=a.seq;});
 view.paper.sections.forEach(function(sec){main.appendChild(el('h2',{},sec.title));sec.questions.forEach(function(q,i){var box=el('div',{'class':'q'});box.appendChild(el('p',{},(i+1)+'. '+q.stem));var cur=saved[q.id];
  if(q.type==='single_choice'||q.type==='multiple_choice'||q.type==='true_false'){var opts=q.type==='true_false'?[{key:true,text:T.yes},{key:false,text:T.no}]:q.options;var multi=q.type==='multiple_choice';
   opts.forEach(function(o){var l=el('label');var inp=el('input',{type:multi?'checkbox':'radio',name:q.id});inp.checked=multi?(Array.isArray(cur)&&cur.indexOf(o.key)>=0):cur===o.key;
    inp.addEventListener('change',function(){if(!multi){save(q.id,o.key);return;}var picks=[];box.querySelectorAll('input').forEach(function(x,j){if(x.checked)picks.push(opts[j].key);});save(q.id,picks);});
    l.appendChild(inp);l.appendChild(document.createTextNode(' '+(q.type==='true_false'?'':o.key+'. ')+o.text));box.appendChild(l);});}
  else if(q.type==='fill_blank'){var n=q.blankCount||1;var ins=[];for(var b=0;b<n;b++){var inp=el('input',{type:'text'});inp.value=Array.isArray(cur)&&cur[b]!=null?cur[b]:'';ins.push(inp);box.appendChild(inp);
    inp.addEventListener('input',function(){save(q.id,ins.map(function(x){return x.value;}));});}}
  else{var ta=el('textarea');ta.value=cur&&typeof cur.text==='string'?cur.text:'';ta.addEventListener('input',function(){save(q.id,{text:ta.value});});box.appendChild(ta);}
  main.appendChild(box);});});
 var sub=el('button',{type:'button'},T.submit);sub.addEventListener('click',function(){if(!confirm(T.confirm))return;flush();call('POST','/submit').then(function(r){if(refused(r))return;
  stop(T.submitted+(r.body.result?' '+T.score+': '+r.body.result.points+' / '+r.body.result.maxPoints:''));});});main.appendChild(sub);
 left=view.secondsLeft;var last=Date.now();function tick(){var now=Date.now();left=Math.max(0,left-(now-last)/1000);last=now;var s=Math.ceil(left);
  clock.textContent=T.timeLeft+' '+Math.floor(s/60)+':'+('0'+s%60).slice(-2);if(s<=0){clearInterval(timer);flush();setTimeout(function(){call('GET','').then(function(r){if(r.body.status&&r.body.status!=='in_progress')stop(T.timeUp);});},3000);}}
 tick();timer=setInterval(tick,500);}
function open(){return call('GET','').then(function(r){if(r.status!==200)throw r;if(r.body.status!=='in_progress'){stop(T.submitted);return;}render(r.body);});}
function start(){return fetch(api+'/links/'+link+'/attempt',{method:'POST'}).then(function(r){return r.json().then(function(b){if(r.status>=300)throw b;att=b;localStorage.setItem(key,JSON.stringify(b));return open();});});}
btn.addEventListener('click',function(){btn.disabled=true;var kept=null;try{kept=JSON.parse(localStorage.getItem(key)||'null');}catch(e){}
 (kept?(att=kept,open().catch(start)):start()).catch(function(b){btn.disabled=false;main.appendChild(el('p',{'class':'note'},(b&&b.detail)||T.failed));});});
document.addEventListener('visibilitychange',function(){event(document.hidden?'visibility_hidden':'visibility_visible');});
window.addEventListener('blur',function(){event('focus_lost');});document.addEventListener('paste',function(e){event('paste',{chars:((e.clipboardData&&e.clipboardData.getData('text'))||'').length});});
document.addEventListener('fullscreenchange',function(){if(!document.fullscreenElement)event('fullscreen_exit');});
window.addEventListener('online',flush);
})();`;
}
