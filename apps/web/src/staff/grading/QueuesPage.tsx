import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Spin, Tag } from 'antd';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useText } from '../i18n';
import { fetchQueues, queuesKey, type GraderQueue } from './grading-api';
import { MarkingProgress } from './MarkingProgress';
import { GRADING_TEXT } from './text';

/** The grader's home: each paper they mark with its progress, their queues per question and, for leads, third marking and arbitration. */
export function QueuesPage() {
  const text = useText(GRADING_TEXT);
  const searchId = useId();
  const [search, setSearch] = useState('');
  // New submissions join the queues at any time: the counts follow without a reload.
  const queues = useQuery({ queryKey: queuesKey, queryFn: fetchQueues, refetchInterval: 30_000, refetchOnWindowFocus: true });
  if (queues.isPending) return <Spin />;
  if (queues.isError) {
    return (
      <Alert type="error" showIcon title={text.failed} description={queues.error.message} action={<Button onClick={() => void queues.refetch()}>{text.retry}</Button>} />
    );
  }
  const shown = queues.data.filter((queue) => queue.title.toLowerCase().includes(search.trim().toLowerCase()));
  return (
    <div className="grading">
      <h1 className="grading-title">{text.queuesTitle}</h1>
      {queues.data.length === 0 ? (
        <Empty description={text.noPapers} />
      ) : (
        <>
          <label htmlFor={searchId} className="sr-only">
            {text.search}
          </label>
          <Input id={searchId} className="gap-bottom" allowClear placeholder={text.search} value={search} onChange={(event) => setSearch(event.target.value)} />
          <List
            dataSource={shown}
            locale={{ emptyText: text.noMatch }}
            pagination={shown.length > 5 ? { pageSize: 5, size: 'small' } : false}
            renderItem={(queue) => (
              <List.Item key={queue.paperId} className="grading-paper-item">
                <PaperQueues queue={queue} />
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}

function PaperQueues({ queue }: { queue: GraderQueue }) {
  const text = useText(GRADING_TEXT);
  const navigate = useNavigate();
  const base = `/staff/grading/papers/${queue.paperId}`;
  const forMe = queue.questions.reduce((sum, question) => sum + question.forMe, 0);
  const third = queue.questions.reduce((sum, question) => sum + question.thirdForMe, 0);
  const disputes = queue.questions.reduce((sum, question) => sum + question.waitingArbitration + question.flagged, 0);
  return (
    <Card
      className="grading-paper"
      title={<h2 className="grading-h">{queue.title}</h2>}
      extra={
        <span>
          <Tag>{text.modes[queue.mode]}</Tag>
          {queue.lead && <Tag className="grading-tag-lead">{text.leadTag}</Tag>}
        </span>
      }
    >
      <MarkingProgress queue={queue} />
      <div className="grading-actions">
        <Button type="primary" disabled={forMe === 0} onClick={() => void navigate(`${base}/mark`)}>
          {text.claimPaper}
        </Button>
        {queue.lead && (
          <>
            <Button disabled={third === 0} onClick={() => void navigate(`${base}/mark?round=third`)}>
              {text.thirdMarking(third)}
            </Button>
            <Button onClick={() => void navigate(`${base}/arbitration`)}>{text.arbitration(disputes)}</Button>
          </>
        )}
      </div>
      {queue.questions.length === 0 ? (
        <p className="grading-note">{text.nothingYet}</p>
      ) : (
        <ul className="grading-questions">
          {queue.questions.map((question) => (
            <li key={question.questionId} className="grading-question">
              <div className="grading-question-head">
                <strong>{text.question(question.number)}</strong> <span className="grading-note">{text.points(question.points)}</span>
              </div>
              <p className="grading-stem">{question.stem}</p>
              <div className="grading-counts">
                <Tag className={question.forMe > 0 ? 'grading-tag-waiting' : undefined}>{text.forMe(question.forMe)}</Tag>
                <Tag>{text.marked(question.marked, question.tasks)}</Tag>
                {question.waitingThird > 0 && <Tag>{text.waitingThird(question.waitingThird)}</Tag>}
              </div>
              <Button
                size="small"
                disabled={question.forMe === 0}
                aria-label={`${text.claimQuestion}: ${text.question(question.number)}`}
                onClick={() => void navigate(`${base}/mark?question=${question.questionId}`)}
              >
                {text.claimQuestion}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
