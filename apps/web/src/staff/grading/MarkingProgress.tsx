import { Progress } from 'antd';
import { useId } from 'react';
import { useText } from '../i18n';
import type { GraderQueue } from './grading-api';
import { GRADING_TEXT } from './text';

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/** Two bars: the paper's marking (every grader, every round) and my own work today against what is left for me. */
export function MarkingProgress({ queue }: { queue: GraderQueue }) {
  const text = useText(GRADING_TEXT);
  const id = useId();
  const left = queue.questions.reduce((sum, question) => sum + question.forMe, 0);
  const paperText = text.paperMarked(queue.paper.marked, queue.paper.tasks);
  const mineText = text.myToday(queue.mine.today, left);
  return (
    <div className="grading-progress">
      <div>
        <div id={`${id}-paper`} className="grading-progress-label">
          {text.paperProgress}: {paperText}
        </div>
        <Progress percent={percent(queue.paper.marked, queue.paper.tasks)} size="small" aria-labelledby={`${id}-paper`} aria-valuetext={paperText} />
      </div>
      <div>
        <div id={`${id}-mine`} className="grading-progress-label">
          {mineText}
        </div>
        <Progress percent={percent(queue.mine.today, queue.mine.today + left)} size="small" status="normal" aria-labelledby={`${id}-mine`} aria-valuetext={mineText} />
      </div>
    </div>
  );
}
