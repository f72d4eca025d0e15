import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Collapse, Form, Input, InputNumber, Modal, Popconfirm, Result, Row, Select, Space, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { bodyOf } from '../../api/client';
import { useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import { useJobRoles, type Paper, type PaperIssue, type Question, type Schemas } from './console-api';
import { ISSUE_TEXT, issueText } from './issue-text';
import { MarkingSettings } from './MarkingSettings';
import { issuePlace, paperIssues, reasonsByField } from './paper-issues';
import { PaperPreview, VersionsList } from './PaperPreview';
import { PaperStatus } from './PapersList';
import { fieldErrorsOf, ProblemNotice } from './ProblemNotice';
import { QuestionDrawer } from './QuestionDrawer';
import { SectionsEditor, type SectionDraft } from './SectionsEditor';

type Settings = Schemas['PaperSettingsResponse'];

interface Draft {
  title: string;
  jobRoleId: string;
  durationMinutes: number;
  passMark: number | null;
  instructions: string;
  settings: Settings;
  sections: SectionDraft[];
}

const TEXT: Texts<{
  back: string;
  notFound: string;
  save: string;
  saved: string;
  unsaved: string;
  preview: string;
  publish: string;
  publishFirst: (errors: number) => string;
  publishTitle: (version: number) => string;
  publishBody: string;
  publishWarnings: (n: number) => string;
  published: (version: number) => string;
  invite: string;
  checks: string;
  checksOk: string;
  checksSummary: (errors: number, warnings: number) => string;
  checksStale: string;
  importWarnings: (n: number) => string;
  line: (n: number) => string;
  basics: string;
  title: string;
  jobRole: string;
  duration: string;
  passMark: string;
  passMarkHint: string;
  total: (n: number) => string;
  instructions: string;
  shuffleQuestions: string;
  shuffleOptions: string;
  policy: string;
  allOrNothing: string;
  partial: string;
  penalty: string;
  showScore: string;
  grace: string;
  sections: string;
  marking: string;
  versions: string;
  cancel: string;
  goTo: string;
  clone: string;
  archive: string;
  archiveConfirm: string;
  restore: string;
  archived: string;
  remove: string;
  removeConfirm: string;
}> = {
  'zh-CN': {
    back: '返回试卷列表',
    notFound: '找不到这份试卷:它可能已被删除。请回到试卷列表重新选择。',
    save: '保存',
    saved: '已保存',
    unsaved: '有未保存的修改:保存后会重新检查。',
    preview: '候选人预览',
    publish: '发布',
    publishFirst: (n) => `还有 ${n} 个错误,处理后才能发布。`,
    publishTitle: (v) => `发布第 ${v} 版?`,
    publishBody: '发布后这一版不会再改变;之后邀请的候选人都使用这一版,已在作答的候选人不受影响。',
    publishWarnings: (n) => `另有 ${n} 条提醒(不影响发布)。`,
    published: (v) => `已发布第 ${v} 版。现在可以邀请候选人了。`,
    invite: '邀请候选人',
    checks: '发布前检查',
    checksOk: '没有问题,可以发布。',
    checksSummary: (e, w) => `${e} 个错误(必须处理),${w} 条提醒`,
    checksStale: '检查结果对应上次保存的内容。',
    importWarnings: (n) => `导入时的 ${n} 条提醒(历史记录)`,
    line: (n) => `第 ${n} 行`,
    basics: '基本信息',
    title: '标题',
    jobRole: '岗位',
    duration: '时长(分钟)',
    passMark: '及格线',
    passMarkHint: '留空表示不判定是否通过。',
    total: (n) => `总分 ${n}`,
    instructions: '考试须知(候选人开始前看到)',
    shuffleQuestions: '每位候选人题目顺序不同',
    shuffleOptions: '每位候选人选项顺序不同',
    policy: '多选题计分',
    allOrNothing: '全对才得分',
    partial: '按比例得分(选错不得分)',
    penalty: '按比例得分,选错扣分',
    showScore: '交卷后向候选人显示客观题得分',
    grace: '到时后仍接受保存的秒数',
    sections: '试卷结构',
    marking: '阅卷设置',
    versions: '版本',
    cancel: '取消',
    goTo: '查看',
    clone: '复制为新草稿',
    archive: '归档',
    archiveConfirm: '归档这份试卷?它会从列表中隐藏,不能再修改或发布;已有的邀请和成绩保留,以后可以恢复。',
    restore: '恢复',
    archived: '试卷已归档:恢复后才能修改或发布。',
    remove: '删除草稿',
    removeConfirm: '删除这份从未发布的草稿?此操作不能撤销(题库中的题目保留)。',
  },
  en: {
    back: 'Back to papers',
    notFound: 'This paper cannot be found; it may have been deleted. Go back to the list and pick another.',
    save: 'Save',
    saved: 'Saved',
    unsaved: 'Unsaved changes: saving checks the paper again.',
    preview: 'Candidate preview',
    publish: 'Publish',
    publishFirst: (n) => `${n} errors left: fix them to publish.`,
    publishTitle: (v) => `Publish version ${v}?`,
    publishBody: 'A published version never changes; candidates invited from now on get it, those already taking the test are not affected.',
    publishWarnings: (n) => `There are also ${n} warnings (they do not block publishing).`,
    published: (v) => `Version ${v} is published. You can invite candidates now.`,
    invite: 'Invite candidates',
    checks: 'Checks before publishing',
    checksOk: 'No problems: ready to publish.',
    checksSummary: (e, w) => `${e} errors (must be fixed), ${w} warnings`,
    checksStale: 'The checks are of the last saved draft.',
    importWarnings: (n) => `${n} warnings of the import (history)`,
    line: (n) => `Line ${n}`,
    basics: 'Basics',
    title: 'Title',
    jobRole: 'Job role',
    duration: 'Duration (minutes)',
    passMark: 'Pass mark',
    passMarkHint: 'Leave empty for no pass/fail.',
    total: (n) => `Total ${n}`,
    instructions: 'Instructions (shown before the start)',
    shuffleQuestions: 'Question order differs per candidate',
    shuffleOptions: 'Option order differs per candidate',
    policy: 'Multiple-choice scoring',
    allOrNothing: 'All or nothing',
    partial: 'Partial (wrong picks score nothing)',
    penalty: 'Partial, wrong picks deduct',
    showScore: 'Show the objective score on submitting',
    grace: 'Seconds saves are still accepted after time is up',
    sections: 'Sections',
    marking: 'Marking',
    versions: 'Versions',
    cancel: 'Cancel',
    goTo: 'Show',
    clone: 'Copy as a new draft',
    archive: 'Archive',
    archiveConfirm: 'Archive this paper? It leaves the list and cannot be changed or published; its invitations and results stay, and it can be restored.',
    restore: 'Restore',
    archived: 'This paper is archived: restore it to change or publish it.',
    remove: 'Delete draft',
    removeConfirm: 'Delete this never-published draft? This cannot be undone (its bank questions stay).',
  },
};

function draftOf(paper: Paper): Draft {
  return {
    title: paper.title,
    jobRoleId: paper.jobRoleId,
    durationMinutes: paper.durationMinutes,
    passMark: paper.passMark,
    instructions: paper.instructions ?? '',
    settings: paper.settings,
    sections: paper.sections.map((section) => ({
      key: section.id,
      title: section.title,
      instructions: section.instructions,
      pointsPerQuestion: section.pointsPerQuestion,
      scaleRubrics: section.scaleRubrics,
      mode: section.draw ? 'draw' : 'fixed',
      questionIds: section.questionIds,
      draw: section.draw ?? { count: 1, pool: {} },
    })),
  };
}

function bodyOfDraft(draft: Draft): Schemas['UpdatePaperDto'] {
  return {
    title: draft.title,
    jobRoleId: draft.jobRoleId,
    durationMinutes: draft.durationMinutes,
    passMark: draft.passMark,
    instructions: draft.instructions.trim() || null,
    settings: draft.settings,
    sections: draft.sections.map((s) => ({
      title: s.title,
      instructions: s.instructions,
      pointsPerQuestion: s.pointsPerQuestion,
      scaleRubrics: s.scaleRubrics,
      ...(s.mode === 'draw' ? { draw: s.draw } : { questionIds: s.questionIds }),
    })),
  };
}

/** Brings the part of the paper an issue is about into view. */
function showIssue(path: string) {
  const place = issuePlace(path);
  const id = place.on === 'question' ? `question-${place.section}-${place.question}` : place.on === 'section' ? `section-${place.section}` : 'paper-basics';
  document.getElementById(id)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

/** The paper editor: basics, settings, sections, the checks beside what they are about, preview, publish and versions. */
export default function PaperEditor() {
  const { paperId = '' } = useParams();
  const text = useText(TEXT);
  const issueTexts = useText(ISSUE_TEXT);
  const client = useQueryClient();
  const navigate = useNavigate();
  const roles = useJobRoles();
  const [modal, modalHolder] = Modal.useModal();
  const paper = useQuery({
    queryKey: ['paper', paperId],
    queryFn: async () => bodyOf<Paper>(await staffApi.GET('/api/v1/papers/{id}', { params: { path: { id: paperId } } })),
  });
  const validation = useQuery({
    queryKey: ['paper', paperId, 'validation'],
    queryFn: async () => bodyOf<Schemas['PaperValidationResponse']>(await staffApi.GET('/api/v1/papers/{id}/validation', { params: { path: { id: paperId } } })),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<Question | null>(null);
  const [previewing, setPreviewing] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    if (paper.data && !dirty) setDraft(draftOf(paper.data));
  }, [paper.data, dirty]);

  const questionIds = useMemo(() => [...new Set((draft?.sections ?? []).flatMap((s) => (s.mode === 'fixed' ? s.questionIds : [])))], [draft?.sections]);
  const questionResults = useQueries({
    queries: questionIds.map((id) => ({
      queryKey: ['question', id],
      queryFn: async () => bodyOf<Question>(await staffApi.GET('/api/v1/questions/{id}', { params: { path: { id } } })),
    })),
  });
  const questions = new Map(questionResults.flatMap((result) => (result.data ? [[result.data.id, result.data] as const] : [])));

  const recheck = () => client.invalidateQueries({ queryKey: ['paper', paperId] });
  const save = useMutation({
    mutationFn: async (current: Draft) => bodyOf<Paper>(await staffApi.PATCH('/api/v1/papers/{id}', { params: { path: { id: paperId } }, body: bodyOfDraft(current) })),
    onSuccess: (saved) => {
      client.setQueryData(['paper', paperId], saved);
      setDirty(false);
      void recheck();
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      if (dirty && draft) await save.mutateAsync(draft);
      return bodyOf<Schemas['PublishedVersionResponse']>(await staffApi.POST('/api/v1/papers/{id}/publish', { params: { path: { id: paperId } } }));
    },
    onSettled: () => void recheck(),
  });

  const lifecycle = useMutation({
    mutationFn: async (action: 'clone' | 'archive' | 'restore' | 'remove') => {
      const path = { params: { path: { id: paperId } } };
      if (action === 'clone') return bodyOf<Paper>(await staffApi.POST('/api/v1/papers/{id}/clone', { ...path, body: {} }));
      if (action === 'archive') return bodyOf<Paper>(await staffApi.POST('/api/v1/papers/{id}/archive', path));
      if (action === 'restore') return bodyOf<Paper>(await staffApi.POST('/api/v1/papers/{id}/restore', path));
      return bodyOf<null>(await staffApi.DELETE('/api/v1/papers/{id}', path));
    },
    onSuccess: (result, action) => {
      void client.invalidateQueries({ queryKey: ['papers'] });
      if (action === 'remove') return void navigate('/staff/papers');
      if (action === 'clone' && result) return void navigate(`/staff/papers/${result.id}`);
      void recheck();
    },
  });

  if (paper.isPending) return <Spin />;
  if (paper.isError || !paper.data || !draft) {
    return <Result status="404" title={text.notFound} extra={<Link to="/staff/papers">{text.back}</Link>} />;
  }
  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
  };
  const setSettings = (patch: Partial<Settings>) => update({ settings: { ...draft.settings, ...patch } });
  const reasons = reasonsByField(fieldErrorsOf(save.error));
  const note = (field: string) => (reasons.get(field) ? { validateStatus: 'error' as const, help: reasons.get(field)?.join('; ') } : {});
  const errors = validation.data?.errors ?? [];
  const warnings = validation.data?.warnings ?? [];
  const issues: PaperIssue[] | null = dirty ? null : [...errors, ...warnings];
  const nextVersion = (paper.data.latestVersion ?? 0) + 1;
  const blocked = !dirty && errors.length > 0;

  const confirmPublish = () =>
    void modal.confirm({
      title: text.publishTitle(nextVersion),
      content: (
        <>
          <p>{text.publishBody}</p>
          {warnings.length > 0 && <p>{text.publishWarnings(warnings.length)}</p>}
        </>
      ),
      okText: text.publish,
      cancelText: text.cancel,
      onOk: () => publish.mutateAsync().then(() => undefined, () => undefined),
    });

  return (
    <section aria-labelledby="paper-heading">
      {modalHolder}
      <div className="console-bar">
        <div>
          <Link to="/staff/papers">{text.back}</Link>
          <h1 id="paper-heading">{paper.data.title}</h1>
          <PaperStatus paper={paper.data} /> <span className="console-hint">{text.total(paper.data.totalPoints)}</span>
        </div>
        <Space wrap>
          <Button onClick={() => setPreviewing(null)}>{text.preview}</Button>
          <Button type={dirty ? 'primary' : 'default'} loading={save.isPending} disabled={!dirty} onClick={() => save.mutate(draft)}>
            {dirty ? text.save : text.saved}
          </Button>
          <Button type="primary" disabled={blocked || validation.isPending} loading={publish.isPending} onClick={confirmPublish}>
            {text.publish}
          </Button>
          {paper.data.latestVersion !== null && (
            <Button onClick={() => void navigate(`/staff/invitations?paperId=${paperId}`)}>{text.invite}</Button>
          )}
          <Button disabled={lifecycle.isPending} onClick={() => lifecycle.mutate('clone')}>
            {text.clone}
          </Button>
          {paper.data.archivedAt ? (
            <Button disabled={lifecycle.isPending} onClick={() => lifecycle.mutate('restore')}>
              {text.restore}
            </Button>
          ) : (
            <Popconfirm title={text.archiveConfirm} okText={text.archive} cancelText={text.cancel} onConfirm={() => lifecycle.mutateAsync('archive').catch(() => undefined)}>
              <Button disabled={lifecycle.isPending}>{text.archive}</Button>
            </Popconfirm>
          )}
          {paper.data.latestVersion === null && (
            <Popconfirm title={text.removeConfirm} okText={text.remove} okButtonProps={{ danger: true }} cancelText={text.cancel} onConfirm={() => lifecycle.mutateAsync('remove').catch(() => undefined)}>
              <Button danger disabled={lifecycle.isPending}>
                {text.remove}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      {paper.data.archivedAt && <Alert className="gap-bottom" type="warning" showIcon title={text.archived} />}
      <ProblemNotice error={save.error ?? publish.error ?? lifecycle.error} />
      {publish.isSuccess && <Alert className="gap-bottom" type="success" showIcon title={text.published(publish.data.version)} role="status" />}
      {dirty && <Alert className="gap-bottom" type="info" showIcon title={text.unsaved} />}

      <Card className="gap-bottom" title={<h2 className="card-heading">{text.checks}</h2>} size="small">
        <ProblemNotice error={validation.error} />
        {validation.data && (errors.length + warnings.length === 0 ? <Alert type="success" showIcon title={text.checksOk} /> : <p>{text.checksSummary(errors.length, warnings.length)}</p>)}
        {dirty && <p className="console-hint">{text.checksStale}</p>}
        <ul className="check-list">
          {[...errors, ...warnings].map((issue) => (
            <li key={`${issue.path}-${issue.code}`} className={errors.includes(issue) ? 'is-error' : 'is-warning'}>
              <button type="button" className="link-button" onClick={() => showIssue(issue.path)}>
                {text.goTo}
              </button>{' '}
              {issueText(issueTexts, issue)}
            </li>
          ))}
        </ul>
        {paper.data.importWarnings.length > 0 && (
          <Collapse
            size="small"
            items={[
              {
                key: 'import',
                label: text.importWarnings(paper.data.importWarnings.length),
                children: (
                  <ul className="check-list">
                    {paper.data.importWarnings.map((warning) => (
                      <li key={`${warning.line}-${warning.code}`}>
                        {text.line(warning.line)}: {warning.message}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card id="paper-basics" className="gap-bottom" title={<h2 className="card-heading">{text.basics}</h2>}>
            {issues && paperIssues(issues).map((issue) => <Alert key={issue.code} className="issue" type={errors.includes(issue) ? 'error' : 'warning'} showIcon title={issueText(issueTexts, issue)} />)}
            <Form layout="vertical" component="div">
              <Form.Item label={text.title} htmlFor="paper-title" {...note('title')}>
                <Input id="paper-title" value={draft.title} onChange={(e) => update({ title: e.target.value })} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item label={text.jobRole} htmlFor="paper-role" {...note('jobRoleId')}>
                    <Select id="paper-role" showSearch optionFilterProp="label" value={draft.jobRoleId} onChange={(jobRoleId) => update({ jobRoleId })} options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label={text.duration} htmlFor="paper-duration" {...note('durationMinutes')}>
                    <InputNumber id="paper-duration" min={1} value={draft.durationMinutes} onChange={(value) => update({ durationMinutes: value ?? 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label={text.passMark} htmlFor="paper-pass" extra={text.passMarkHint} {...note('passMark')}>
                    <InputNumber id="paper-pass" min={0} value={draft.passMark} onChange={(value) => update({ passMark: value })} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={text.instructions} htmlFor="paper-instructions" {...note('instructions')}>
                <Input.TextArea id="paper-instructions" autoSize={{ minRows: 2 }} value={draft.instructions} onChange={(e) => update({ instructions: e.target.value })} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item label={text.policy} htmlFor="paper-policy" {...note('settings.multipleChoicePolicy')}>
                    <Select
                      id="paper-policy"
                      value={draft.settings.multipleChoicePolicy}
                      onChange={(multipleChoicePolicy) => setSettings({ multipleChoicePolicy })}
                      options={[
                        { value: 'all_or_nothing', label: text.allOrNothing },
                        { value: 'partial', label: text.partial },
                        { value: 'partial_with_penalty', label: text.penalty },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={text.grace} htmlFor="paper-grace" {...note('settings.timerGraceSeconds')}>
                    <InputNumber id="paper-grace" min={0} value={draft.settings.timerGraceSeconds} onChange={(value) => setSettings({ timerGraceSeconds: value ?? 0 })} />
                  </Form.Item>
                </Col>
              </Row>
              <Space vertical>
                <Checkbox checked={draft.settings.shuffleQuestions} onChange={(e) => setSettings({ shuffleQuestions: e.target.checked })}>
                  {text.shuffleQuestions}
                </Checkbox>
                <Checkbox checked={draft.settings.shuffleOptions} onChange={(e) => setSettings({ shuffleOptions: e.target.checked })}>
                  {text.shuffleOptions}
                </Checkbox>
                <Checkbox checked={draft.settings.showScoreToCandidate} onChange={(e) => setSettings({ showScoreToCandidate: e.target.checked })}>
                  {text.showScore}
                </Checkbox>
              </Space>
            </Form>
          </Card>
          <h2>{text.sections}</h2>
          {reasons.get('sections') && <Alert className="issue" type="error" showIcon title={reasons.get('sections')?.join('; ')} />}
          <SectionsEditor sections={draft.sections} onChange={(sections) => update({ sections })} questions={questions} issues={issues} reasons={reasons} onEdit={setEditing} />
        </Col>
        <Col xs={24} xl={8}>
          <Card className="gap-bottom" title={<h2 className="card-heading">{text.marking}</h2>}>
            <MarkingSettings paperId={paperId} />
          </Card>
          <Card title={<h2 className="card-heading">{text.versions}</h2>}>
            <VersionsList paperId={paperId} onPreview={setPreviewing} />
          </Card>
        </Col>
      </Row>
      <QuestionDrawer
        question={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void client.invalidateQueries({ queryKey: ['question'] });
          void recheck();
        }}
      />
      <PaperPreview paperId={paperId} version={previewing} onClose={() => setPreviewing(undefined)} />
    </section>
  );
}
