import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Spin, Tag } from 'antd';
import { useId, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useText } from '../i18n';
import { arbitrate, fetchDisputes, fetchQueues, queuesKey, unflag, type Dispute, type Mark } from './grading-api';
import { ScoreForm } from './ScoreForm';
import { QuestionAndAnswer, ReferenceAndSuggestion } from './TaskDetails';
import { GRADING_TEXT } from './text';

/**
 * The lead's view of a paper: answers waiting for arbitration, with every earlier mark (only
 * here: graders and third markers never see another mark), and flagged answers to return to the
 * queue. Answers waiting for a third mark are not listed: they are marked blind in the third-marking view.
 */
export function ArbitrationPage() {
  const text = useText(GRADING_TEXT);
  const navigate = useNavigate();
  const searchId = useId();
  const { paperId = '' } = useParams();
  const [search, setSearch] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const disputes = useQuery({ queryKey: ['grading', 'disputes', paperId], queryFn: () => fetchDisputes(paperId) });
  const queues = useQuery({ queryKey: queuesKey, queryFn: fetchQueues });
  const queue = queues.data?.find((candidate) => candidate.paperId === paperId);
  const waiting = (disputes.data ?? []).filter((dispute) => dispute.round === 'arbitration' || dispute.flagged);
  const shown = waiting.filter((dispute) => dispute.code.toLowerCase().includes(search.trim().toLowerCase()));
  const numberOf = (questionId: string) => queue?.questions.find((question) => question.questionId === questionId)?.number;

  return (
    <div className="grading">
      <div className="grading-top">
        <Button onClick={() => void navigate('/staff/grading')}>{text.back}</Button>
        <h1 className="grading-title">
          {text.arbitrationTitle}
          {queue ? ` · ${queue.title}` : ''}
        </h1>
      </div>
      <Alert className="gap-bottom" type="info" showIcon title={text.arbitrationNote} />
      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
      {disputes.isPending && <Spin />}
      {disputes.isError && <Alert type="error" showIcon title={text.failed} description={disputes.error.message} action={<Button onClick={() => void disputes.refetch()}>{text.retry}</Button>} />}
      {disputes.data && waiting.length === 0 && <Empty description={text.noDisputes} />}
      {waiting.length > 0 && (
        <>
          <label htmlFor={searchId} className="sr-only">
            {text.searchCode}
          </label>
          <Input id={searchId} className="gap-bottom" allowClear placeholder={text.searchCode} value={search} onChange={(event) => setSearch(event.target.value)} />
          <List
            dataSource={shown}
            locale={{ emptyText: text.noMatch }}
            pagination={shown.length > 5 ? { pageSize: 5, size: 'small' } : false}
            renderItem={(dispute) => (
              <List.Item key={dispute.taskId} className="grading-paper-item">
                <DisputeCard dispute={dispute} number={numberOf(dispute.questionId)} onDone={setAnnouncement} />
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}

function DisputeCard({ dispute, number, onDone }: { dispute: Dispute; number: number | undefined; onDone: (announcement: string) => void }) {
  const text = useText(GRADING_TEXT);
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['grading', 'disputes'] }), queryClient.invalidateQueries({ queryKey: queuesKey })]);
  const decide = useMutation({
    mutationFn: (mark: Mark) => arbitrate(dispute.taskId, mark),
    onSuccess: async () => {
      onDone(text.arbitrated(dispute.code));
      await refresh();
    },
  });
  const release = useMutation({
    mutationFn: () => unflag(dispute.taskId),
    onSuccess: async () => {
      onDone(text.unflagged);
      await refresh();
    },
  });
  const error = decide.error ?? release.error;
  return (
    <Card
      className="grading-paper"
      title={
        <h2 className="grading-h">
          {text.code(dispute.code)}
          {number ? ` · ${text.question(number)}` : ''}
        </h2>
      }
      extra={dispute.flagged ? <Tag className="grading-tag-flag">{text.flag}</Tag> : <Tag className="grading-tag-lead">{text.round.arbitration}</Tag>}
    >
      {error && <Alert className="gap-bottom" type="error" showIcon title={text.failed} description={error.message} />}
      {dispute.flagged && <Alert className="gap-bottom" type="warning" showIcon title={text.flaggedBecause(dispute.flagReason ?? '')} />}
      <div className="grading-task">
        <div className="grading-column">
          <QuestionAndAnswer code={dispute.code} question={dispute.question} answer={dispute.answer} suggestion={dispute.suggestion} />
        </div>
        <div className="grading-column">
          {!dispute.flagged && (
            <Card size="small" className="grading-card" title={<h3 className="grading-h">{text.earlierMarks}</h3>}>
              <ul className="grading-marks">
                {dispute.marks.map((mark, index) => (
                  <li key={index}>
                    <strong>{text.round[mark.round] ?? mark.round}</strong>: {text.markPoints(mark.points, mark.scores)}
                    {mark.comment && <div className="grading-note">{mark.comment}</div>}
                  </li>
                ))}
              </ul>
              <p className="grading-note">{text.suggested(dispute.suggestedPoints)}</p>
            </Card>
          )}
          <ReferenceAndSuggestion question={dispute.question} suggestion={dispute.suggestion} />
          {dispute.flagged ? (
            <Button onClick={() => release.mutate()} loading={release.isPending}>
              {text.unflag}
            </Button>
          ) : (
            <ScoreForm question={dispute.question} submitLabel={text.submitArbitration} busy={decide.isPending} onSubmit={(mark) => decide.mutate(mark)} />
          )}
        </div>
      </div>
    </Card>
  );
}
