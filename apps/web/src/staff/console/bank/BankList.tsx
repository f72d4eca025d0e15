import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isObjective, QUESTION_TYPES, type QuestionType } from '@assay/contracts';
import { Alert, Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLocale, useText, type Texts } from '../../i18n';
import { staffApi } from '../../staff-api';
import { CatalogSelect } from '../CatalogSelect';
import { KIND_LABELS, MISSING_COLOUR, TYPE_LABELS } from '../labels';
import { call } from '../problems';
import { ConfirmButton, ErrorAlert, SearchBox, ScrollRegion, useListState } from '../ui';
import { exportBank, type BankFilters, type SheetFormat } from './bank-files';
import type { Question } from './question-form';

type Filters = Pick<BankFilters, 'type' | 'competencyId' | 'jobRoleId' | 'tag' | 'difficulty'>;

const TEXT: Texts<{
  title: string;
  search: string;
  add: string;
  import: string;
  exportXlsx: string;
  exportCsv: string;
  anyType: string;
  anyCompetency: string;
  anyJobRole: string;
  anyDifficulty: string;
  tag: string;
  stem: string;
  type: string;
  competencies: string;
  points: string;
  difficulty: string;
  tags: string;
  actions: string;
  edit: string;
  delete: string;
  deleteQuestion: string;
  saved: (stem: string) => string;
  total: (n: number) => string;
  empty: string;
  noKey: string;
  noKeyHelp: string;
}> = {
  'zh-CN': {
    title: '题库',
    search: '搜索题干',
    add: '新建题目',
    import: '从表格导入',
    exportXlsx: '导出 Excel',
    exportCsv: '导出 CSV',
    anyType: '全部题型',
    anyCompetency: '全部考察点',
    anyJobRole: '全部岗位',
    anyDifficulty: '全部难度',
    tag: '按标签筛选',
    stem: '题干',
    type: '题型',
    competencies: '考察点',
    points: '分值',
    difficulty: '难度',
    tags: '标签',
    actions: '操作',
    edit: '编辑',
    delete: '删除',
    deleteQuestion: '删除这道题?已发布的试卷版本不受影响;被试卷草稿使用的题目不能删除。此操作不能撤销。',
    saved: (stem) => `已保存:${stem}`,
    total: (n) => `共 ${n} 题`,
    empty: '没有符合条件的题目:换个关键词或清除筛选,或新建、导入题目。',
    noKey: '缺少答案',
    noKeyHelp: '没有正确答案的客观题不能发布:点编辑补上答案。',
  },
  en: {
    title: 'Question bank',
    search: 'Search stems',
    add: 'New question',
    import: 'Import a spreadsheet',
    exportXlsx: 'Export Excel',
    exportCsv: 'Export CSV',
    anyType: 'Any type',
    anyCompetency: 'Any competency',
    anyJobRole: 'Any job role',
    anyDifficulty: 'Any difficulty',
    tag: 'Filter by tag',
    stem: 'Stem',
    type: 'Type',
    competencies: 'Competencies',
    points: 'Points',
    difficulty: 'Difficulty',
    tags: 'Tags',
    actions: 'Actions',
    edit: 'Edit',
    delete: 'Delete',
    deleteQuestion: 'Delete this question? Published paper versions keep their copy; a question a paper draft uses cannot be deleted. This cannot be undone.',
    saved: (stem) => `Saved: ${stem}`,
    total: (n) => `${n} questions`,
    empty: 'No question matches: try other words or clear the filters, or create or import questions.',
    noKey: 'No answer key',
    noKeyHelp: 'A paper with an objective question without its answer cannot be published: edit it to add the answer.',
  },
};

const shorten = (text: string, length = 60) => (text.length > length ? `${text.slice(0, length)}…` : text);

/** /staff/bank: the bank, searchable by stem and filtered by type, competency, job role, tag and difficulty. */
export function BankList() {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  const list = useListState();
  const [filters, setFilters] = useState<Filters>({});
  const client = useQueryClient();
  const query = { ...filters, q: list.q || undefined };
  const questions = useQuery({
    // The current page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    queryKey: ['questions', list.page, query],
    queryFn: () => call(staffApi.GET('/api/v1/questions', { params: { query: { ...query, page: list.page, pageSize: list.pageSize } } })),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(staffApi.DELETE('/api/v1/questions/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['questions'] }),
  });
  const download = useMutation({ mutationFn: (format: SheetFormat) => exportBank(query, format) });
  const filter = (change: Filters) => {
    setFilters((current) => ({ ...current, ...change }));
    list.search(list.q);
  };

  return (
    <section className="console">
      <h1 className="console-title">{text.title}</h1>
      <div className="console-toolbar">
        <SearchBox label={text.search} onSearch={list.search} />
        <Button type="primary" onClick={() => void navigate('/staff/bank/new')}>
          {text.add}
        </Button>
        <Button onClick={() => void navigate('/staff/bank/import')}>{text.import}</Button>
        <Space.Compact>
          <Button loading={download.isPending && download.variables === 'xlsx'} onClick={() => download.mutate('xlsx')}>
            {text.exportXlsx}
          </Button>
          <Button loading={download.isPending && download.variables === 'csv'} onClick={() => download.mutate('csv')}>
            {text.exportCsv}
          </Button>
        </Space.Compact>
      </div>
      <div className="console-filters">
        <Select<QuestionType>
          allowClear
          aria-label={text.type}
          placeholder={text.anyType}
          value={filters.type}
          onChange={(type) => filter({ type })}
          options={QUESTION_TYPES.map((value) => ({ value, label: TYPE_LABELS[locale][value] }))}
        />
        <CatalogSelect kind="competencies" ariaLabel={text.competencies} placeholder={text.anyCompetency} value={filters.competencyId} onChange={(id) => filter({ competencyId: id as string | undefined })} />
        <CatalogSelect kind="job-roles" ariaLabel={text.anyJobRole} placeholder={text.anyJobRole} value={filters.jobRoleId} onChange={(id) => filter({ jobRoleId: id as string | undefined })} />
        <Input allowClear aria-label={text.tag} placeholder={text.tag} onPressEnter={(event) => filter({ tag: event.currentTarget.value.trim() || undefined })} onClear={() => filter({ tag: undefined })} />
        <Select<number>
          allowClear
          aria-label={text.difficulty}
          placeholder={text.anyDifficulty}
          value={filters.difficulty}
          onChange={(difficulty) => filter({ difficulty })}
          options={[1, 2, 3, 4, 5].map((value) => ({ value, label: `${text.difficulty} ${value}` }))}
        />
      </div>
      {saved && <Alert className="gap-bottom" type="success" showIcon closable title={text.saved(shorten(saved))} />}
      {[questions.error, remove.error, download.error].map((error, i) => error && <ErrorAlert key={i} error={error} />)}
      <ScrollRegion label={text.title}>
        <Table<Question>
          rowKey="id"
          loading={questions.isPending}
          dataSource={questions.data?.items}
          locale={{ emptyText: <p className="console-empty">{text.empty}</p> }}
          pagination={{ ...list.pagination(questions.data?.total), showTotal: (n) => text.total(n) }}
          columns={[
            {
            title: text.stem,
            dataIndex: 'stem',
            className: 'console-stem',
            render: (stem: string, question) => (
              <>
                <Link to={`/staff/bank/${question.id}`}>{shorten(stem, 80)}</Link>
                {isObjective(question.type) && question.answerKey === null && (
                  <Tag className="console-tag-gap" color={MISSING_COLOUR} title={text.noKeyHelp}>
                    {text.noKey}
                  </Tag>
                )}
              </>
            ),
          },
            {
              title: text.type,
              dataIndex: 'type',
              render: (type: QuestionType, question) => (question.kind && question.kind !== type ? `${TYPE_LABELS[locale][type]}·${KIND_LABELS[locale][question.kind]}` : TYPE_LABELS[locale][type]),
            },
            { title: text.competencies, dataIndex: 'competencies', render: (refs: Question['competencies']) => refs.map((ref) => <Tag key={ref.id}>{ref.name}</Tag>) },
            { title: text.points, dataIndex: 'points' },
            { title: text.difficulty, dataIndex: 'difficulty' },
            { title: text.tags, dataIndex: 'tags', render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
            {
              title: text.actions,
              key: 'actions',
              render: (_, question) => (
                <Space wrap>
                  <Button size="small" aria-label={`${text.edit}: ${shorten(question.stem, 20)}`} onClick={() => void navigate(`/staff/bank/${question.id}`)}>
                    {text.edit}
                  </Button>
                  <ConfirmButton size="small" danger aria-label={`${text.delete}: ${shorten(question.stem, 20)}`} question={text.deleteQuestion} okText={text.delete} onConfirm={() => remove.mutate(question.id)}>
                    {text.delete}
                  </ConfirmButton>
                </Space>
              ),
            },
          ]}
        />
      </ScrollRegion>
    </section>
  );
}
