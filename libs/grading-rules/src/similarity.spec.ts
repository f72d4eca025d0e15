import { findNearDuplicates, jaccard, shingles } from './similarity';

const shared = '首先安抚客户情绪，表示理解他的着急；然后核实订单信息和物流记录；最后给出补发或退款方案，并在三小时内回复客户。';

describe('findNearDuplicates', () => {
  it('pairs copied answers (punctuation and a word changed) and leaves independent ones alone', () => {
    const answers = [
      { id: 'a1', text: shared },
      { id: 'a2', text: shared.replace(/，/gu, ',').replace('三小时', '3小时') },
      { id: 'a3', text: '我会先向客户道歉，再查询快递进度，如果确实丢件就直接给客户退款，同时向主管报告这个问题并记录下来。' },
      { id: 'a4', text: '好' },
    ];
    const pairs = findNearDuplicates(answers);
    expect(pairs.map(({ a, b }) => [a, b])).toEqual([['a1', 'a2']]);
    expect(pairs[0].similarity).toBeGreaterThanOrEqual(0.7);
  });

  it('agrees with the exact Jaccard similarity it reports', () => {
    const other = shared.slice(0, 40) + '另外我还会主动回访确认客户满意。';
    const [pair] = findNearDuplicates([{ id: 'x', text: shared }, { id: 'y', text: other }], 0.3);
    expect(pair.similarity).toBe(Math.round(jaccard(shingles(shared), shingles(other)) * 100) / 100);
  });

  it('finds the one copied pair among 500 distinct answers', () => {
    // Independent answers: 40 Han characters each, picked by a multiplicative hash of the position, so the run is repeatable.
    const charAt = (n: number) => String.fromCharCode(0x4e00 + ((Math.imul(n + 1, 0x9e3779b1) >>> 0) % 20000));
    const answers = Array.from({ length: 500 }, (_, i) => ({
      id: `c${String(i).padStart(4, '0')}`,
      text: Array.from({ length: 40 }, (_, j) => charAt(i * 40 + j)).join(''),
    }));
    answers.push({ id: 'z1', text: shared }, { id: 'z2', text: shared + '谢谢' });
    expect(findNearDuplicates(answers).map(({ a, b }) => [a, b])).toEqual([['z1', 'z2']]);
  });
});
