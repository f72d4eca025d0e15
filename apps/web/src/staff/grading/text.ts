import type { Texts } from '../i18n';

/** Every text of the grader's workspace, in Chinese (default) and English. */
export const GRADING_TEXT: Texts<{
  queuesTitle: string;
  search: string;
  searchCode: string;
  noPapers: string;
  noMatch: string;
  modes: Record<'single' | 'double' | 'assisted_double', string>;
  leadTag: string;
  paperProgress: string;
  myToday: (today: number, left: number) => string;
  paperMarked: (marked: number, tasks: number) => string;
  question: (number: number) => string;
  points: (points: number) => string;
  forMe: (count: number) => string;
  marked: (marked: number, tasks: number) => string;
  waitingThird: (count: number) => string;
  claimQuestion: string;
  claimPaper: string;
  thirdMarking: (count: number) => string;
  arbitration: (count: number) => string;
  nothingYet: string;
  back: string;
  markingTitle: string;
  thirdTitle: string;
  thirdNote: string;
  claiming: string;
  queueEmpty: string;
  queueEmptyHint: string;
  code: (code: string) => string;
  stem: string;
  answer: string;
  answerNote: string;
  emptyAnswer: string;
  reference: string;
  noReference: string;
  explanation: string;
  suggestion: (points: number | null, max: number) => string;
  suggestionNote: string;
  keyPoint: Record<'covered' | 'half' | 'missed', string>;
  rubric: string;
  wholeQuestion: string;
  scoreLabel: (label: string, points: number) => string;
  scoreHint: (halfPoints: boolean) => string;
  problems: Record<'missing' | 'not_a_number' | 'out_of_range' | 'step', (points: number, halfPoints: boolean) => string>;
  total: (total: number, max: number) => string;
  comment: string;
  submitNext: string;
  submitArbitration: string;
  skip: string;
  flag: string;
  flagTitle: string;
  flagReason: string;
  flagReasonMissing: string;
  flagConfirm: string;
  cancel: string;
  keys: string;
  submitted: (code: string) => string;
  leaseExpired: string;
  leaseExpiredHint: string;
  claimAgain: string;
  failed: string;
  retry: string;
  arbitrationTitle: string;
  arbitrationNote: string;
  noDisputes: string;
  earlierMarks: string;
  round: Record<string, string>;
  markPoints: (points: number, scores: number[]) => string;
  flaggedBecause: (reason: string) => string;
  unflag: string;
  unflagged: string;
  arbitrated: (code: string) => string;
  suggested: (points: number | null) => string;
}> = {
  'zh-CN': {
    queuesTitle: '我的阅卷任务',
    search: '按试卷名称搜索',
    searchCode: '按答卷编号搜索',
    noPapers: '您还没有分配到试卷。请联系管理员把您分配为阅卷人。',
    noMatch: '没有符合搜索条件的结果。',
    modes: { single: '单评', double: '双评', assisted_double: '人机双评' },
    leadTag: '题组长',
    paperProgress: '本卷阅卷进度',
    myToday: (today, left) => `我今天已评 ${today} 份,还可评 ${left} 份`,
    paperMarked: (marked, tasks) => `已评 ${marked} / ${tasks}`,
    question: (number) => `第 ${number} 题`,
    points: (points) => `${points} 分`,
    forMe: (count) => `待我评阅 ${count}`,
    marked: (marked, tasks) => `已评 ${marked} / ${tasks}`,
    waitingThird: (count) => `待三评 ${count}`,
    claimQuestion: '评阅此题',
    claimPaper: '领取下一份',
    thirdMarking: (count) => `三评(${count})`,
    arbitration: (count) => `仲裁与问题卷(${count})`,
    nothingYet: '还没有交卷的答卷。',
    back: '返回任务列表',
    markingTitle: '评阅',
    thirdTitle: '三评',
    thirdNote: '这些答案两位阅卷人的评分相差超过允许误差。请独立评分:前两次评分不会显示。',
    claiming: '正在领取答卷…',
    queueEmpty: '此队列已全部评完。',
    queueEmptyHint: '返回任务列表查看其他题目,或稍后再来:新交的答卷会自动进入队列。',
    code: (code) => `答卷编号 ${code}`,
    stem: '题目',
    answer: '考生答案',
    answerNote: '高亮部分是评分建议找到的给分点,可能有误,请以您的判断为准。',
    emptyAnswer: '(未作答)',
    reference: '参考答案',
    noReference: '本题没有参考答案。',
    explanation: '解析',
    suggestion: (points, max) => (points === null ? '评分建议:无' : `评分建议:${points} / ${max} 分`),
    suggestionNote: '建议仅供参考,不会自动计入成绩。',
    keyPoint: { covered: '已答到', half: '部分答到', missed: '未答到' },
    rubric: '评分',
    wholeQuestion: '本题得分',
    scoreLabel: (label, points) => `${label}(0–${points} 分)`,
    scoreHint: (halfPoints) => (halfPoints ? '可给半分,如 2.5' : '只能给整数分'),
    problems: {
      missing: () => '请输入分数',
      not_a_number: () => '请输入数字,如 3',
      out_of_range: (points) => `分数应在 0 到 ${points} 之间`,
      step: (_, halfPoints) => (halfPoints ? '只能给整分或半分' : '只能给整数分'),
    },
    total: (total, max) => `合计 ${total} / ${max} 分`,
    comment: '评语(选填)',
    submitNext: '提交并评下一份',
    submitArbitration: '提交仲裁分',
    skip: '跳过',
    flag: '标记问题卷',
    flagTitle: '标记为问题卷',
    flagReason: '原因(题组长会看到)',
    flagReasonMissing: '请写明原因,例如“答案中含有联系方式”',
    flagConfirm: '标记并交给题组长',
    cancel: '取消',
    keys: '快捷键:数字键输入分数,Tab 切换评分项,Enter 提交并评下一份。',
    submitted: (code) => `已提交答卷 ${code} 的评分。`,
    leaseExpired: '这份答卷的领取已超时,已退回队列,您的评分没有提交。',
    leaseExpiredHint: '请点击“重新领取”继续评阅;评分时请勿长时间离开页面。',
    claimAgain: '重新领取',
    failed: '操作没有成功',
    retry: '重试',
    arbitrationTitle: '仲裁与问题卷',
    arbitrationNote: '仲裁:三次评分都不一致的答案,您的评分即为最终得分。问题卷:阅卷人标记的答案,请处理后退回队列。',
    noDisputes: '目前没有需要仲裁的答案或问题卷。',
    earlierMarks: '之前的评分',
    round: { first: '一评', second: '二评', third: '三评', arbitration: '仲裁' },
    markPoints: (points, scores) => `${points} 分(${scores.join(' + ')})`,
    flaggedBecause: (reason) => `问题卷:${reason}`,
    unflag: '退回队列',
    unflagged: '已退回队列。',
    arbitrated: (code) => `答卷 ${code} 的仲裁分已提交。`,
    suggested: (points) => (points === null ? '评分建议:无' : `评分建议:${points} 分`),
  },
  en: {
    queuesTitle: 'My marking',
    search: 'Search by paper title',
    searchCode: 'Search by script code',
    noPapers: 'You have no papers to mark yet. Ask an admin to assign you as a grader.',
    noMatch: 'Nothing matches your search.',
    modes: { single: 'Single marking', double: 'Double marking', assisted_double: 'Machine-assisted double' },
    leadTag: 'Lead',
    paperProgress: "The paper's marking",
    myToday: (today, left) => `You marked ${today} today; ${left} left for you`,
    paperMarked: (marked, tasks) => `${marked} of ${tasks} marked`,
    question: (number) => `Question ${number}`,
    points: (points) => `${points} points`,
    forMe: (count) => `${count} for you`,
    marked: (marked, tasks) => `${marked} of ${tasks} marked`,
    waitingThird: (count) => `${count} awaiting a third mark`,
    claimQuestion: 'Mark this question',
    claimPaper: 'Claim next',
    thirdMarking: (count) => `Third marking (${count})`,
    arbitration: (count) => `Arbitration and flags (${count})`,
    nothingYet: 'No submitted answers yet.',
    back: 'Back to my marking',
    markingTitle: 'Marking',
    thirdTitle: 'Third marking',
    thirdNote: 'Two graders disagreed on these answers by more than the tolerance. Mark independently: the earlier marks are not shown.',
    claiming: 'Claiming an answer…',
    queueEmpty: 'Everything in this queue is marked.',
    queueEmptyHint: 'Go back to your list for other questions, or come back later: new submissions join the queue by themselves.',
    code: (code) => `Script ${code}`,
    stem: 'Question',
    answer: "Candidate's answer",
    answerNote: 'Highlights are the key points the suggestion found. It can be wrong: your judgement decides.',
    emptyAnswer: '(no answer)',
    reference: 'Reference answer',
    noReference: 'This question has no reference answer.',
    explanation: 'Explanation',
    suggestion: (points, max) => (points === null ? 'Suggested mark: none' : `Suggested mark: ${points} of ${max}`),
    suggestionNote: 'Only a suggestion: it never counts by itself.',
    keyPoint: { covered: 'covered', half: 'partly covered', missed: 'missed' },
    rubric: 'Scores',
    wholeQuestion: 'Score',
    scoreLabel: (label, points) => `${label} (0–${points} points)`,
    scoreHint: (halfPoints) => (halfPoints ? 'Half points allowed, e.g. 2.5' : 'Whole points only'),
    problems: {
      missing: () => 'Enter a score',
      not_a_number: () => 'Enter a number, e.g. 3',
      out_of_range: (points) => `The score must be between 0 and ${points}`,
      step: (_, halfPoints) => (halfPoints ? 'Whole or half points only' : 'Whole points only'),
    },
    total: (total, max) => `Total ${total} of ${max}`,
    comment: 'Comment (optional)',
    submitNext: 'Submit and next',
    submitArbitration: 'Submit the final mark',
    skip: 'Skip',
    flag: 'Flag',
    flagTitle: 'Flag this answer',
    flagReason: 'Reason (the lead will see it)',
    flagReasonMissing: 'Say why, e.g. "the answer contains a phone number"',
    flagConfirm: 'Flag it for the lead',
    cancel: 'Cancel',
    keys: 'Keys: digits enter a score, Tab moves between criteria, Enter submits and opens the next answer.',
    submitted: (code) => `Mark of script ${code} submitted.`,
    leaseExpired: 'Your time on this answer ran out: it went back to the queue and your scores were not submitted.',
    leaseExpiredHint: 'Choose "Claim again" to go on; do not leave an answer open for long.',
    claimAgain: 'Claim again',
    failed: 'That did not work',
    retry: 'Try again',
    arbitrationTitle: 'Arbitration and flags',
    arbitrationNote: 'Arbitration: answers whose three marks disagree; your mark is final. Flags: answers a grader flagged; deal with them, then return them to the queue.',
    noDisputes: 'Nothing waits for arbitration and nothing is flagged.',
    earlierMarks: 'Earlier marks',
    round: { first: 'First mark', second: 'Second mark', third: 'Third mark', arbitration: 'Arbitration' },
    markPoints: (points, scores) => `${points} points (${scores.join(' + ')})`,
    flaggedBecause: (reason) => `Flagged: ${reason}`,
    unflag: 'Return to the queue',
    unflagged: 'Returned to the queue.',
    arbitrated: (code) => `Final mark of script ${code} submitted.`,
    suggested: (points) => (points === null ? 'Suggested mark: none' : `Suggested mark: ${points}`),
  },
};
