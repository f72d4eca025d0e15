/**
 * A small set of open answers marked by hand (by the author of this library, before the
 * suggestion was tuned), used to measure how far the suggested mark is from a human mark.
 * Questions and answers are written for this set; docs/grading.md reports the agreement.
 */
export interface MarkedExample {
  question: string;
  answer: string;
  humanMark: number;
}

export interface MarkedQuestion {
  id: string;
  points: number;
  referenceAnswer: string;
}

export const MARKED_QUESTIONS: MarkedQuestion[] = [
  {
    id: 'lost-parcel',
    points: 8,
    referenceAnswer:
      '处理要点：（1）安抚情绪，向客户表示理解和歉意；（2）核实信息，查询订单和物流轨迹；（3）给出方案，补发或退款由客户选择；（4）跟进回访，处理完成后确认客户满意。',
  },
  {
    id: 'price-complaint',
    points: 6,
    referenceAnswer: '①耐心倾听客户的不满②解释价格保护规则③符合条件的办理差价退款④不符合的赠送优惠券作为补偿',
  },
  {
    id: 'refund-policy',
    points: 6,
    referenceAnswer: '1. Apologise to the customer for the delay.\n2. Check the order status in the system.\n3. Issue the refund within 24 hours.',
  },
];

export const MARKED_EXAMPLES: MarkedExample[] = [
  { question: 'lost-parcel', humanMark: 8, answer: '先安抚客户的情绪，说理解您的着急并道歉。然后马上核实订单信息，查询物流轨迹。如果确实丢件，给客户补发或者退款，让客户选择。处理完后再回访，确认客户是否满意。' },
  { question: 'lost-parcel', humanMark: 6, answer: '我会先道歉，安抚客户情绪。接着查询物流信息，核实包裹去向。最后给客户办理退款。' },
  { question: 'lost-parcel', humanMark: 4, answer: '告诉客户别着急，我们会尽快处理，然后联系快递公司查询物流。' },
  { question: 'lost-parcel', humanMark: 2, answer: '直接给客户退款就好了，没必要多说。' },
  { question: 'lost-parcel', humanMark: 0, answer: '让客户自己去找快递公司。' },
  { question: 'lost-parcel', humanMark: 6, answer: '第一时间表示歉意和理解，稳定客户情绪；查询订单物流轨迹核实情况；提供补发方案。' },
  { question: 'price-complaint', humanMark: 6, answer: '我会耐心倾听客户的不满，向他解释价格保护的规则。如果符合条件就办理差价退款，不符合的话送一张优惠券补偿。' },
  { question: 'price-complaint', humanMark: 3, answer: '先听客户说完，再跟他解释我们的价格规则，活动价格是正常的。' },
  { question: 'price-complaint', humanMark: 1.5, answer: '给客户送一张优惠券。' },
  { question: 'price-complaint', humanMark: 0, answer: '价格是公司定的，客服没有办法。' },
  { question: 'price-complaint', humanMark: 4.5, answer: '认真倾听，解释价保规则，符合条件的退差价。' },
  { question: 'refund-policy', humanMark: 6, answer: 'I would apologise for the delay, check the order status in our system and issue the refund within 24 hours.' },
  { question: 'refund-policy', humanMark: 4, answer: 'Say sorry to the customer and check the status of the order.' },
  { question: 'refund-policy', humanMark: 2, answer: 'Refund the money quickly.' },
  { question: 'refund-policy', humanMark: 0, answer: 'Tell the customer to wait.' },
];
