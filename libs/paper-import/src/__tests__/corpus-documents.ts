import type { DocxBlock, DocxList } from '@assay/testing';

/**
 * The Word documents of the paper-import corpus (libs/paper-import/corpus), written the way HR
 * writes them: Word's automatic numbering for sections, questions and options (the numbers are not
 * in the text), options and answer keys in tables. `npm run corpus:files` (write-corpus-files.ts)
 * writes each as .docx with @assay/testing's builder and, through LibreOffice, as .doc and .pdf; the
 * files are committed, so tests and CI need no LibreOffice. Original content, Simplified and
 * Traditional Chinese and English.
 */
export interface CorpusDocument {
  name: string;
  lists: DocxList[];
  blocks: DocxBlock[];
}

/** Sections 一、 at level 0, questions 1. at level 1, options A. at level 2: one outline list. */
const outline = (id: number, question = '%2.', option = '%3.'): DocxList => ({
  id,
  levels: [
    { format: 'chineseCounting', text: '%1、' },
    { format: 'decimal', text: question },
    { format: 'upperLetter', text: option },
  ],
});

const list = (id: number, format: string, text: string): DocxList => ({ id, levels: [{ format, text }] });

const q = (text: string, listId = 1) => ({ text, list: listId, level: 1 });
const o = (text: string, listId = 1) => ({ text, list: listId, level: 2 });
const s = (text: string, listId = 1) => ({ text, list: listId, level: 0 });

export const CORPUS_DOCUMENTS: CorpusDocument[] = [
  {
    name: 'word-warehouse-outline',
    lists: [outline(1)],
    blocks: [
      '仓库管理员上岗测试',
      '考试时间:40分钟  总分:16分',
      s('单选题(共2题,每题3分)'),
      q('货物入库前首先要做什么?( )'),
      o('核对送货单与实物'),
      o('直接上架'),
      o('先录入系统再说'),
      q('叉车作业区内,行人应当?( )'),
      o('走黄线以内的通道'),
      o('从货架间穿行'),
      s('多选题(共1题,每题4分)'),
      q('下列哪些做法能减少拣货差错?( )'),
      { table: [['A.扫码复核', 'B.凭经验拣货'], ['C.双人复核', 'D.按库位顺序拣货']] },
      s('判断题(共3题,每题2分)'),
      q('先进先出可以降低货物过期的风险。'),
      q('盘点时可以只清点容易拿到的货物。'),
      q('发现包装破损应拍照并登记。'),
      '参考答案',
      '一、单选题',
      { table: [['题号', '1', '2'], ['答案', 'A', 'A']] },
      '二、多选题',
      { table: [['题号', '1'], ['答案', 'ACD']] },
      '三、判断题',
      { table: [['题号', '1', '2', '3'], ['答案', '√', '×', '√']] },
    ],
  },
  {
    name: 'word-cashier-traditional',
    lists: [outline(1, '%2、', '(%3)')],
    blocks: [
      '門市收銀員筆試',
      '考試時間:30分鐘  總分:14分',
      s('單選題(共2題,每題3分)'),
      q('顧客用大額鈔票付款時,收銀員應先做什麼?( )'),
      o('驗鈔'),
      o('直接找零'),
      o('請顧客換零錢'),
      '答案:A',
      q('發票開錯時應如何處理?( )'),
      o('在原發票上塗改'),
      o('作廢後重新開立'),
      '答案:B',
      '解析:發票不得塗改。',
      s('判斷題(共2題,每題2分)'),
      q('交班時應清點錢箱並簽名。'),
      '答案:對',
      q('收銀機故障時可以先收現金不開單據。'),
      '答案:錯',
      s('簡答題(共1題,每題4分)'),
      q('顧客排隊過長時,你會怎麼做?'),
      '參考答案:先致歉並請同事開新收銀台,再提醒顧客備好付款方式。',
      '考察點:服務意識、應變能力',
    ],
  },
  {
    name: 'word-logistics-circled',
    lists: [list(1, 'decimalEnclosedCircle', '%1'), list(2, 'decimalEnclosedCircle', '%1'), list(3, 'upperLetter', '%1、'), list(4, 'upperLetter', '%1、'), list(5, 'upperLetter', '%1、')],
    blocks: [
      '快递分拣员岗位测试',
      '考试时间:20分钟',
      '一、单选题(共3题,每题2分)',
      { text: '包裹面单模糊无法识别时应?( )', list: 1 },
      { text: '放入问题件区并上报', list: 3 },
      { text: '随意分到一个网点', list: 3 },
      '答案:A',
      { text: '易碎品应放在哪里?( )', list: 1 },
      { text: '笼车底层', list: 4 },
      { text: '笼车上层', list: 4 },
      '答案:B',
      '解析:重物在下,轻物和易碎品在上。',
      { text: '分拣线紧急停止按钮的颜色通常是?( )', list: 1 },
      { text: '绿色', list: 5 },
      { text: '红色', list: 5 },
      '答案:B',
      '二、判断题(共2题,每题2分)',
      { text: '搬运超过25公斤的包裹应两人合作。', list: 2 },
      '答案:正确',
      { text: '可以站在传送带上整理包裹。', list: 2 },
      '答案:错误',
    ],
  },
  {
    name: 'word-hotel-scenario',
    lists: [list(1, 'chineseCounting', '%1、'), list(2, 'decimal', '第%1题'), list(3, 'decimal', '第%1题')],
    blocks: [
      '酒店前台接待面试题',
      '考试时间:45分钟  总分:30分',
      { text: '情景题(共2题,每题10分)', list: 1 },
      { text: '客人到店时发现预订的房型已满,情绪激动,要求立即入住同价位的海景房。你会如何处理?', list: 2 },
      '(考察点:沟通能力、应变能力)',
      '参考答案:先安抚客人并致歉,核实预订记录,提供免费升级或同价替代方案,并记录跟进。',
      '评分标准:安抚到位(4分)、方案可行(4分)、跟进记录(2分)',
      { text: '夜班时有客人反映隔壁房间噪音很大,你怎么办?', list: 2 },
      '(考察点:问题解决、服务意识)',
      '参考答案:致歉后联系安保提醒隔壁客人,必要时为客人换房。',
      '评分标准:响应及时(5分)、处理得当(5分)',
      { text: '简答题(共1题,每题10分)', list: 1 },
      { text: '请说明办理退房时需要核对的三项内容。', list: 3 },
      '参考答案:房间消费、押金与发票信息、房卡回收。',
      '考察点:业务熟练度',
    ],
  },
  {
    name: 'word-fill-and-key-lines',
    lists: [outline(1)],
    blocks: [
      '客服专员业务知识测验',
      '总分:18分',
      s('单选题(共3题,每题2分)'),
      q('客户要求退款但已超过退货期限,应当?( )'),
      { table: [['A.直接拒绝', 'B.说明政策并提供可选方案', 'C.挂断电话']] },
      q('通话中客户情绪激动,首先要?( )'),
      { table: [['A.打断客户', 'B.倾听并确认诉求']] },
      q('工单升级给主管前需要?( )'),
      { table: [['A.补全问题描述', 'B.不写备注']] },
      '参考答案:1.B 2.B 3.A',
      s('填空题(共2题,每空2分)'),
      q('处理投诉的两个关键步骤是____和____。'),
      '答案:核实;跟进',
      q('衡量服务质量的常用指标是客户____。'),
      '答案:满意度/满意率',
      s('判断题(共2题,每题3分)'),
      q('回复客户前应先确认订单信息。( √ )'),
      q('可以向客户承诺无法兑现的赔偿。( × )'),
    ],
  },
  {
    name: 'word-bank-teller-traditional',
    lists: [outline(1)],
    blocks: [
      '銀行櫃員崗位測驗',
      '考試時間:30分鐘  總分:12分',
      s('單選題(共2題,每題3分)'),
      q('客戶忘記密碼時,櫃員應?( )'),
      { table: [['A.請客戶本人持證件辦理重設', 'B.代客戶猜測密碼']] },
      q('發現可疑交易時應?( )'),
      { table: [['A.按規定上報', 'B.告知客戶被調查']] },
      s('判斷題(共2題,每題3分)'),
      q('櫃員離開座位時應鎖定電腦。'),
      q('客戶資料可以提供給親友查詢。'),
      '參考答案',
      '一、單選題',
      { table: [['題號', '1', '2'], ['答案', 'A', 'A']] },
      '二、判斷題',
      { table: [['題號', '1', '2'], ['答案', '√', '×']] },
    ],
  },
  {
    name: 'word-support-english',
    lists: [list(1, 'upperRoman', '%1.'), list(2, 'decimal', '%1.'), list(3, 'decimal', '%1.'), list(4, 'upperLetter', '%1.'), list(5, 'upperLetter', '%1.')],
    blocks: [
      'Customer Support Associate Written Test',
      'Time: 30 minutes  Total: 10 points',
      { text: 'Single Choice (2 questions, 3 points each)', list: 1 },
      { text: 'A customer reports a late parcel. What do you do first?', list: 2 },
      { text: 'Apologise and check the tracking', list: 4 },
      { text: 'Close the ticket', list: 4 },
      'Answer: A',
      { text: 'Which channel suits a refund dispute best?', list: 2 },
      { text: 'A public social media post', list: 5 },
      { text: 'The support ticket of the order', list: 5 },
      'Answer: B',
      { text: 'True or False (2 questions, 2 points each)', list: 1 },
      { text: "You may share a customer's address with another customer.", list: 3 },
      'Answer: False',
      { text: 'A refund request needs the order number.', list: 3 },
      'Answer: True',
    ],
  },
  {
    name: 'word-sales-english-table',
    lists: [list(1, 'decimal', 'Q%1.')],
    blocks: [
      'Retail Sales Assistant Quiz',
      'Single Choice (3 questions, 2 points each)',
      { text: 'A shopper asks for a size that is out of stock. You should:', list: 1 },
      { table: [['A. Say it is sold out and walk away', 'B. Offer to order it or suggest a similar item']] },
      { text: 'Before closing a sale you should:', list: 1 },
      { table: [['A. Confirm the price', 'B. Skip the receipt']] },
      { text: 'A customer wants to return a used item past the return window. You should:', list: 1 },
      { table: [['A. Explain the policy and offer options', 'B. Refuse without explanation']] },
      'Answer Key',
      { table: [['1', '2', '3'], ['B', 'A', 'A']] },
    ],
  },
];
