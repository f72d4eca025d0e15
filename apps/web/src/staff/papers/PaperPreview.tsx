import { useQuery } from '@tanstack/react-query';
import { Button, Input, Modal, Space, Spin, Table } from 'antd';
import { useState } from 'react';
import { bodyOf } from '../../api/client';
import { useLocale, useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import type { Schemas } from './console-api';
import { ProblemNotice } from './ProblemNotice';
import { QUESTION_TYPE_TEXT } from './question-text';

type CandidatePaper = Schemas['CandidatePaperResponse'];

const TEXT: Texts<{
  heading: (version: number | null) => string;
  seed: string;
  seedHint: string;
  show: string;
  minutes: (n: number) => string;
  total: (n: number) => string;
  points: (n: number) => string;
  blanks: (n: number) => string;
  close: string;
  versions: string;
  version: string;
  publishedAt: string;
  preview: string;
  noVersions: string;
}> = {
  'zh-CN': {
    heading: (v) => (v === null ? '候选人预览(草稿)' : `候选人预览(第 ${v} 版)`),
    seed: '候选人种子',
    seedHint: '同一个种子总是得到同一份试卷(随机抽题和乱序);换一个种子看另一位候选人拿到的试卷。',
    show: '查看',
    minutes: (n) => `${n} 分钟`,
    total: (n) => `满分 ${n}`,
    points: (n) => `${n} 分`,
    blanks: (n) => `${n} 个空`,
    close: '关闭',
    versions: '已发布的版本',
    version: '版本',
    publishedAt: '发布时间',
    preview: '预览',
    noVersions: '还没有发布过。',
  },
  en: {
    heading: (v) => (v === null ? 'Candidate preview (draft)' : `Candidate preview (version ${v})`),
    seed: 'Candidate seed',
    seedHint: 'A seed always gives the same paper (draws and orders); another seed shows what another candidate gets.',
    show: 'Show',
    minutes: (n) => `${n} min`,
    total: (n) => `${n} points`,
    points: (n) => `${n} pt`,
    blanks: (n) => `${n} blanks`,
    close: 'Close',
    versions: 'Published versions',
    version: 'Version',
    publishedAt: 'Published',
    preview: 'Preview',
    noVersions: 'Not published yet.',
  },
};

/** The paper exactly as a candidate with a given seed gets it: no keys, rubrics or references (the API leaves them out). */
export function PaperPreview({ paperId, version, onClose }: { paperId: string; version: number | null | undefined; onClose: () => void }) {
  const text = useText(TEXT);
  const types = useText(QUESTION_TYPE_TEXT);
  const [seed, setSeed] = useState('preview');
  const [typed, setTyped] = useState('preview');
  const open = version !== undefined;
  const preview = useQuery({
    queryKey: ['paper', paperId, 'preview', version, seed],
    enabled: open,
    queryFn: async () =>
      bodyOf<CandidatePaper>(
        version === null || version === undefined
          ? await staffApi.GET('/api/v1/papers/{id}/preview', { params: { path: { id: paperId }, query: { seed } } })
          : await staffApi.GET('/api/v1/papers/{id}/versions/{version}/preview', { params: { path: { id: paperId, version }, query: { seed } } }),
      ),
  });
  const paper = preview.data;
  return (
    <Modal open={open} width={760} title={text.heading(version ?? null)} onCancel={onClose} footer={<Button onClick={onClose}>{text.close}</Button>}>
      <Space.Compact className="gap-bottom">
        <Input aria-label={text.seed} value={typed} onChange={(e) => setTyped(e.target.value)} onPressEnter={() => setSeed(typed || 'preview')} />
        <Button onClick={() => setSeed(typed || 'preview')}>{text.show}</Button>
      </Space.Compact>
      <p className="console-hint">{text.seedHint}</p>
      <ProblemNotice error={preview.error} />
      {preview.isFetching && <Spin />}
      {paper && (
        <article className="candidate-preview">
          <h2>{paper.title}</h2>
          <p className="console-hint">
            {text.minutes(paper.durationMinutes)} · {text.total(paper.totalPoints)}
          </p>
          {paper.instructions && <p className="preserve-lines">{paper.instructions}</p>}
          {paper.sections.map((section) => (
            <section key={section.id}>
              <h3>
                {section.title} <span className="console-hint">({text.points(section.pointsPerQuestion)})</span>
              </h3>
              <ol>
                {section.questions.map((question) => (
                  <li key={question.id}>
                    <span className="console-hint">[{types[question.type]}]</span> <span className="preserve-lines">{question.stem}</span>
                    {question.options.length > 0 && (
                      <ul className="preview-options">
                        {question.options.map((option) => (
                          <li key={option.key}>
                            {option.key}. {option.text}
                          </li>
                        ))}
                      </ul>
                    )}
                    {question.blankCount !== undefined && <span className="console-hint"> ({text.blanks(question.blankCount)})</span>}
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </article>
      )}
    </Modal>
  );
}

/** The paper's published versions, newest first, each with its candidate preview. */
export function VersionsList({ paperId, onPreview }: { paperId: string; onPreview: (version: number) => void }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const [page, setPage] = useState(1);
  const versions = useQuery({
    queryKey: ['paper', paperId, 'versions', page],
    queryFn: async () => bodyOf<Schemas['PaperVersionSummaryPage']>(await staffApi.GET('/api/v1/papers/{id}/versions', { params: { path: { id: paperId }, query: { page, pageSize: 10 } } })),
  });
  return (
    <>
      <ProblemNotice error={versions.error} />
      <Table<Schemas['PaperVersionSummaryResponse']>
        rowKey="id"
        size="small"
        loading={versions.isFetching}
        dataSource={versions.data?.items ?? []}
        locale={{ emptyText: <span className="console-hint">{text.noVersions}</span> }}
        pagination={{ current: page, pageSize: 10, total: versions.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: text.version, dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: text.publishedAt, dataIndex: 'publishedAt', render: (at: string) => new Date(at).toLocaleString(locale) },
          {
            title: '',
            key: 'preview',
            render: (_, row) => (
              <Button size="small" onClick={() => onPreview(row.version)} aria-label={`${text.preview} v${row.version}`}>
                {text.preview}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
