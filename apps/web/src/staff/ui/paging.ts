import { useState, type ReactNode } from 'react';

/** Page and page size of a list whose page size the user picks; a new size starts again at page 1. */
export function usePaging(initialSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  return {
    page,
    pageSize,
    setPage,
    /** The antd table's `pagination` for a list of `total` items, `showTotal` saying how many. */
    pagination: (total: number | undefined, showTotal: (total: number) => ReactNode) => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      showTotal,
      onChange: (next: number, size: number) => {
        setPage(size === pageSize ? next : 1);
        setPageSize(size);
      },
    }),
  };
}
