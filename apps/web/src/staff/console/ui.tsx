import { Alert, Button, Input, Popconfirm, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useLocale, useText, type Texts } from '../i18n';
import { adviceFor } from './problems';
import './console.css';

const TEXT: Texts<{ requestId: string; cancel: string; search: string }> = {
  'zh-CN': { requestId: '请求编号', cancel: '取消', search: '搜索' },
  en: { requestId: 'Request id', cancel: 'Cancel', search: 'Search' },
};

/**
 * A failed call as the user should read it: what went wrong (when the API says it in the user's
 * language) and what to do next, plus any field errors no field of the form could show.
 */
export function ErrorAlert({ error, fieldErrors = [] }: { error: unknown; fieldErrors?: { field: string; reason: string }[] }) {
  const { locale } = useLocale();
  const text = useText(TEXT);
  if (!error) return null;
  const advice = adviceFor(error, locale);
  return (
    <Alert
      className="gap-bottom"
      type="error"
      showIcon
      role="alert"
      title={advice.what ?? advice.next}
      description={
        (advice.what || fieldErrors.length > 0 || advice.requestId) && (
          <>
            {advice.what && <div>{advice.next}</div>}
            {fieldErrors.length > 0 && (
              <ul className="console-field-errors">
                {fieldErrors.map((e) => (
                  <li key={`${e.field}:${e.reason}`}>
                    <code>{e.field}</code>: {e.reason}
                  </li>
                ))}
              </ul>
            )}
            {advice.requestId && (
              <div>
                {text.requestId}: <code>{advice.requestId}</code>
              </div>
            )}
          </>
        )
      }
    />
  );
}

/** A button whose action runs only after the user confirms it (every destructive action). */
export function ConfirmButton({ question, okText, onConfirm, children, ...button }: ButtonProps & { question: ReactNode; okText: string; onConfirm: () => unknown }) {
  const text = useText(TEXT);
  return (
    <Popconfirm title={question} okText={okText} cancelText={text.cancel} okButtonProps={{ danger: true }} onConfirm={() => void onConfirm()}>
      <Button {...button}>{children}</Button>
    </Popconfirm>
  );
}

/** A search box that searches on enter or on clearing it; `label` names it for screen readers. */
export function SearchBox({ label, onSearch }: { label: string; onSearch: (q: string) => void }) {
  const text = useText(TEXT);
  return <Input.Search className="console-search" aria-label={label} placeholder={label} enterButton={text.search} allowClear onSearch={(q) => onSearch(q.trim())} />;
}

/** Page and search of a paginated list; a new search starts at page 1. */
export function useListState(pageSize = 20) {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  return {
    page,
    pageSize,
    q,
    search: (next: string) => {
      setQ(next);
      setPage(1);
    },
    pagination: (total: number | undefined) => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: false,
      onChange: setPage,
    }),
  };
}

/** Saves a downloaded body under its file name (the API's downloads need the session's token). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * A table's sideways scrolling on a phone: the region itself takes the keyboard focus, so it can
 * be scrolled without a mouse even when the table holds no button or link (an empty list).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="console-table" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
