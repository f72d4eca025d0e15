import { Alert, Button, Modal, Space, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useText, type Texts } from '../i18n';

const TEXT: Texts<{ cancel: string; done: string }> = {
  'zh-CN': { cancel: '取消', done: '我已复制,关闭' },
  en: { cancel: 'Cancel', done: 'I have copied it, close' },
};

/**
 * A create form in a modal that, once the server has created the thing, shows in its place what
 * the server hands out only once (a temporary password, an API key) until the user closes it.
 */
export function ShownOnceModal({ title, form, pending, shown, onClose, children }: {
  /** The title (and submit button) while the form is shown, then the title once created. */
  title: { form: string; shown: string };
  /** The form (the children) the submit button submits. */
  form: FormInstance;
  pending: boolean;
  /** What to show once created (see SecretText); nothing while the form is shown. */
  shown: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const text = useText(TEXT);
  return (
    <Modal
      open
      title={shown ? title.shown : title.form}
      onCancel={onClose}
      footer={
        shown ? (
          <Button type="primary" onClick={onClose}>
            {text.done}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{text.cancel}</Button>
            <Button type="primary" loading={pending} onClick={() => form.submit()}>
              {title.form}
            </Button>
          </Space>
        )
      }
    >
      {shown || children}
    </Modal>
  );
}

/** A secret shown once: the warning that it will not be shown again, its name, and the value with a copy button. */
export function SecretText({ warning, label, value, testId }: { warning: string; label: ReactNode; value: ReactNode; testId: string }) {
  return (
    <>
      <Alert className="gap-bottom" type="warning" showIcon title={warning} />
      <div>{label}:</div>
      <Typography.Text code copyable className="console-secret" data-testid={testId}>
        {value}
      </Typography.Text>
    </>
  );
}
