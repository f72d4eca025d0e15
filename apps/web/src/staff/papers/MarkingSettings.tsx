import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, InputNumber, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { bodyOf } from '../../api/client';
import { useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import { useRoles, type Schemas } from './console-api';
import { reasonsByField } from './paper-issues';
import { fieldErrorsOf, ProblemNotice } from './ProblemNotice';

type Settings = Schemas['GradingSettingsDto'];

const DEFAULTS: Settings = { mode: 'single', tolerance: { kind: 'share', value: 0.2 }, halfPoints: true, selfCheckEvery: 0 };

const TEXT: Texts<{
  mode: string;
  single: string;
  double: string;
  assisted: string;
  tolerance: string;
  toleranceHint: string;
  points: string;
  share: string;
  halfPoints: string;
  selfCheck: string;
  selfCheckHint: string;
  save: string;
  saved: string;
  adminOnly: string;
}> = {
  'zh-CN': {
    mode: '阅卷方式',
    single: '单评',
    double: '双评',
    assisted: '辅助双评',
    tolerance: '双评允许的分差',
    toleranceHint: '两位阅卷人的分差超过它时,交给第三位阅卷人。',
    points: '分',
    share: '题目分值的比例(0-1)',
    halfPoints: '允许给半分',
    selfCheck: '自检间隔',
    selfCheckHint: '每评 N 份,重新给阅卷人一份他评过的答案(0 表示不自检)。',
    save: '保存阅卷设置',
    saved: '阅卷设置已保存,之后的评分按新设置进行。',
    adminOnly: '只有管理员可以修改阅卷设置;如需修改请联系管理员。',
  },
  en: {
    mode: 'Marking mode',
    single: 'Single',
    double: 'Double',
    assisted: 'Assisted double',
    tolerance: 'Tolerance between two graders',
    toleranceHint: 'Marks further apart go to a third grader.',
    points: 'points',
    share: 'share of the question’s points (0-1)',
    halfPoints: 'Half points allowed',
    selfCheck: 'Self-check every',
    selfCheckHint: 'After every N marks a grader gets one of their own earlier answers again (0: never).',
    save: 'Save marking settings',
    saved: 'Marking settings saved; marks from now on follow them.',
    adminOnly: 'Only an admin can change the marking settings; ask one if they need to change.',
  },
};

/** The paper's marking mode and tolerance (docs/grading.md): read by recruiters, set by admins. */
export function MarkingSettings({ paperId }: { paperId: string }) {
  const text = useText(TEXT);
  const client = useQueryClient();
  const isAdmin = useRoles().includes('admin');
  const current = useQuery({
    queryKey: ['paper', paperId, 'marking'],
    queryFn: async () => bodyOf<Partial<Settings>>(await staffApi.GET('/api/v1/grading/papers/{paperId}/settings', { params: { path: { paperId } } })),
  });
  const [settings, setSettings] = useState<Settings>(DEFAULTS);
  useEffect(() => {
    if (current.data) setSettings({ ...DEFAULTS, ...current.data, tolerance: { ...DEFAULTS.tolerance, ...current.data.tolerance } as Settings['tolerance'] });
  }, [current.data]);
  const save = useMutation({
    mutationFn: async (body: Settings) => bodyOf<Settings>(await staffApi.PUT('/api/v1/grading/papers/{paperId}/settings', { params: { path: { paperId } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['paper', paperId, 'marking'] }),
  });
  const reasons = reasonsByField(fieldErrorsOf(save.error));
  const note = (field: string) => (reasons.get(field) ? { validateStatus: 'error' as const, help: reasons.get(field)?.join('; ') } : {});
  return (
    <Form layout="vertical" component="div" disabled={!isAdmin}>
      {!isAdmin && <p className="console-hint">{text.adminOnly}</p>}
      <ProblemNotice error={current.error ?? save.error} />
      {save.isSuccess && <Alert className="gap-bottom" type="success" showIcon title={text.saved} />}
      <Form.Item label={text.mode} {...note('mode')}>
        <Radio.Group
          value={settings.mode}
          onChange={(e) => setSettings({ ...settings, mode: e.target.value as Settings['mode'] })}
          options={[
            { value: 'single', label: text.single },
            { value: 'double', label: text.double },
            { value: 'assisted_double', label: text.assisted },
          ]}
        />
      </Form.Item>
      <Form.Item label={text.tolerance} extra={text.toleranceHint} {...note('tolerance.value')}>
        <Space.Compact>
          <InputNumber
            aria-label={text.tolerance}
            min={0}
            step={settings.tolerance.kind === 'share' ? 0.05 : 0.5}
            max={settings.tolerance.kind === 'share' ? 1 : undefined}
            value={settings.tolerance.value}
            onChange={(value) => setSettings({ ...settings, tolerance: { ...settings.tolerance, value: value ?? 0 } })}
          />
          <Select<'points' | 'share'>
            aria-label={`${text.tolerance}: ${text.points} / ${text.share}`}
            className="tolerance-kind"
            value={settings.tolerance.kind}
            onChange={(kind) => setSettings({ ...settings, tolerance: { ...settings.tolerance, kind } })}
            options={[
              { value: 'points', label: text.points },
              { value: 'share', label: text.share },
            ]}
          />
        </Space.Compact>
      </Form.Item>
      <Form.Item {...note('halfPoints')}>
        <Checkbox checked={settings.halfPoints} onChange={(e) => setSettings({ ...settings, halfPoints: e.target.checked })}>
          {text.halfPoints}
        </Checkbox>
      </Form.Item>
      <Form.Item label={text.selfCheck} htmlFor="marking-self-check" extra={text.selfCheckHint} {...note('selfCheckEvery')}>
        <InputNumber id="marking-self-check" min={0} value={settings.selfCheckEvery} onChange={(value) => setSettings({ ...settings, selfCheckEvery: value ?? 0 })} />
      </Form.Item>
      {isAdmin && (
        <Button loading={save.isPending} onClick={() => save.mutate(settings)}>
          {text.save}
        </Button>
      )}
    </Form>
  );
}
