import { Button, Space } from 'antd';
import { useState } from 'react';
import { useText, type Texts } from '../i18n';

const TEXT: Texts<{ previous: string; next: string; page: (n: number) => string }> = {
  'zh-CN': { previous: '上一页', next: '下一页', page: (n) => `第 ${n} 页` },
  en: { previous: 'Previous page', next: 'Next page', page: (n) => `Page ${n}` },
};

/**
 * The pages of a list read by cursor (docs/api.md "Lists"): the API only answers the page after a
 * cursor, so the cursors of the pages seen are kept and "previous" goes back through them.
 * Changing the filters starts again at the first page (`reset`).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (cursor: string) => setCursors([...cursors, cursor]),
    previous: () => setCursors(cursors.slice(0, -1)),
    reset: () => setCursors([undefined]),
  };
}

/** Previous / next under a cursor-paged table: next while the API gave a `next`, previous after the first page. */
export function CursorPager({ pages, next, label }: { pages: ReturnType<typeof useCursorPages>; next: string | null | undefined; label: string }) {
  const text = useText(TEXT);
  return (
    <nav className="cursor-pager" aria-label={label}>
      <Space wrap>
        <Button disabled={pages.page === 1} onClick={pages.previous}>
          {text.previous}
        </Button>
        <span aria-live="polite">{text.page(pages.page)}</span>
        <Button disabled={!next} onClick={() => next && pages.next(next)}>
          {text.next}
        </Button>
      </Space>
    </nav>
  );
}
