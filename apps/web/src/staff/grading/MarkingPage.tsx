import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Result, Spin } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useText } from '../i18n';
import { claimNext, fetchQueues, flagTask, isLeaseLost, queuesKey, skipTask, submitAndNext, type GraderTask, type Mark, type QueueFilter } from './grading-api';
import { useLeaseRenewal } from './lease';
import { MarkingProgress } from './MarkingProgress';
import { ScoreForm } from './ScoreForm';
import { QuestionAndAnswer, ReferenceAndSuggestion } from './TaskDetails';
import { GRADING_TEXT } from './text';

type Screen =
  | { kind: 'claiming' }
  | { kind: 'task'; task: GraderTask }
  | { kind: 'expired'; task: GraderTask }
  | { kind: 'empty' }
  | { kind: 'failed'; message: string; task: GraderTask | null };

/**
 * Marking one queue (a paper, one of its questions, or its third marking): claim, read, score,
 * submit and next; skip; flag. Blind: the task shows an anonymous code only, and the third
 * marking shows no earlier mark. The lease is renewed while the answer is open.
 */
export function MarkingPage() {
  const text = useText(GRADING_TEXT);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { paperId = '' } = useParams();
  const [search] = useSearchParams();
  const questionId = search.get('question') ?? undefined;
  const round = search.get('round') === 'third' ? ('third' as const) : undefined;
  const [screen, setScreen] = useState<Screen>({ kind: 'claiming' });
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [flagging, setFlagging] = useState(false);
  const queues = useQuery({ queryKey: queuesKey, queryFn: fetchQueues });
  const queue = queues.data?.find((candidate) => candidate.paperId === paperId);
  const filterKey = `${paperId}|${questionId ?? ''}|${round ?? ''}`;
  const filter = useRef<QueueFilter>({ paperId, questionId, round });
  filter.current = { paperId, questionId, round };
  const heading = useRef<HTMLHeadingElement>(null);

  const current = screen.kind === 'task' || screen.kind === 'expired' ? screen.task : screen.kind === 'failed' ? screen.task : null;

  /** Runs one call that ends with the next task (or none), keeping the queues' counts fresh. */
  const advance = useCallback(
    async (step: () => Promise<GraderTask | null>, task: GraderTask | null, done?: string) => {
      setBusy(true);
      try {
        const next = await step();
        setScreen(next ? { kind: 'task', task: next } : { kind: 'empty' });
        setAnnouncement(done ?? '');
      } catch (error) {
        if (task && isLeaseLost(error)) setScreen({ kind: 'expired', task });
        else setScreen({ kind: 'failed', message: error instanceof Error ? error.message : String(error), task });
      } finally {
        setBusy(false);
        void queryClient.invalidateQueries({ queryKey: queuesKey });
      }
    },
    [queryClient],
  );

  // One claim per queue opened (a ref, not state: React's development double effects must not claim twice).
  const claimed = useRef('');
  useEffect(() => {
    if (claimed.current === filterKey) return;
    claimed.current = filterKey;
    setScreen({ kind: 'claiming' });
    void advance(() => claimNext(filter.current), null);
  }, [filterKey, advance]);

  useLeaseRenewal(screen.kind === 'task' ? screen.task.taskId : null, () => setScreen((now) => (now.kind === 'task' ? { kind: 'expired', task: now.task } : now)));

  useEffect(() => {
    if (screen.kind === 'empty' || screen.kind === 'expired') heading.current?.focus();
  }, [screen.kind]);

  const submit = (task: GraderTask, mark: Mark) => void advance(() => submitAndNext(task.taskId, mark, filter.current), task, text.submitted(task.code));
  const skip = (task: GraderTask) => void advance(async () => (await skipTask(task.taskId), claimNext(filter.current)), task);
  const flag = (task: GraderTask, reason: string) => {
    setFlagging(false);
    void advance(async () => (await flagTask(task.taskId, reason), claimNext(filter.current)), task);
  };
  const claimAgain = () => void advance(() => claimNext(filter.current), null);
  const questionNumber = queue?.questions.find((question) => question.questionId === questionId)?.number;

  return (
    <div className="grading">
      <div className="grading-top">
        <Button onClick={() => void navigate('/staff/grading')}>{text.back}</Button>
        <h1 className="grading-title" ref={heading} tabIndex={-1}>
          {round === 'third' ? text.thirdTitle : text.markingTitle}
          {queue ? ` · ${queue.title}` : ''}
          {questionNumber ? ` · ${text.question(questionNumber)}` : ''}
        </h1>
      </div>
      {queue && <MarkingProgress queue={queue} />}
      {round === 'third' && <Alert className="gap-bottom" type="info" showIcon title={text.thirdNote} />}
      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
      {screen.kind === 'claiming' && <Spin description={text.claiming}><div className="grading-spin" /></Spin>}
      {screen.kind === 'empty' && (
        <Result
          status="success"
          title={text.queueEmpty}
          subTitle={text.queueEmptyHint}
          extra={
            <Button type="primary" onClick={() => void navigate('/staff/grading')}>
              {text.back}
            </Button>
          }
        />
      )}
      {screen.kind === 'expired' && (
        <Alert
          className="gap-bottom"
          type="warning"
          showIcon
          role="alert"
          title={text.leaseExpired}
          description={text.leaseExpiredHint}
          action={
            <Button type="primary" onClick={claimAgain} loading={busy}>
              {text.claimAgain}
            </Button>
          }
        />
      )}
      {screen.kind === 'failed' && (
        <Alert
          className="gap-bottom"
          type="error"
          showIcon
          title={text.failed}
          description={screen.message}
          action={screen.task ? undefined : <Button onClick={claimAgain}>{text.retry}</Button>}
        />
      )}
      {current && (
        <div className="grading-task">
          <div className="grading-column">
            <QuestionAndAnswer code={current.code} question={current.question} answer={current.answer} suggestion={current.suggestion} />
          </div>
          <div className="grading-column">
            <ReferenceAndSuggestion question={current.question} suggestion={current.suggestion} />
            <ScoreForm key={`${current.taskId}:${current.leaseExpiresAt}`} question={current.question} submitLabel={text.submitNext} busy={busy} disabled={screen.kind === 'expired'} keyboard onSubmit={(mark) => submit(current, mark)}>
              <Button disabled={busy || screen.kind === 'expired'} onClick={() => skip(current)}>
                {text.skip}
              </Button>
              <Button danger disabled={busy || screen.kind === 'expired'} onClick={() => setFlagging(true)}>
                {text.flag}
              </Button>
            </ScoreForm>
          </div>
          <FlagDialog open={flagging} onCancel={() => setFlagging(false)} onFlag={(reason) => flag(current, reason)} />
        </div>
      )}
    </div>
  );
}

function FlagDialog({ open, onCancel, onFlag }: { open: boolean; onCancel: () => void; onFlag: (reason: string) => void }) {
  const text = useText(GRADING_TEXT);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={text.flagTitle}
      okText={text.flagConfirm}
      cancelText={text.cancel}
      okButtonProps={{ danger: true }}
      destroyOnHidden
      onCancel={onCancel}
      // A missing reason is shown under the field; the refused promise needs nothing more.
      onOk={() => void form.validateFields().then(({ reason }) => onFlag(reason.trim()), () => undefined)}
    >
      <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
        <Form.Item label={text.flagReason} name="reason" rules={[{ required: true, whitespace: true, message: text.flagReasonMissing }, { max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
