import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { catalogApi, type CatalogKind } from './roles/catalog-api';

/**
 * Picks job roles or competencies by name, searching the catalog as the user types (the catalog
 * can be large, so it is never loaded whole). `known` names the ids already chosen.
 */
export function CatalogSelect({
  kind,
  multiple,
  known = [],
  id,
  value,
  onChange,
  placeholder,
  ariaLabel,
}: {
  kind: CatalogKind;
  multiple?: boolean;
  known?: { id: string; name: string }[];
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  placeholder?: string;
  ariaLabel?: string;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: [kind, 'picker', q], queryFn: () => catalogApi[kind].list({ page: 1, pageSize: 20, q: q || undefined }) });
  const names = new Map(known.map((entry) => [entry.id, entry.name]));
  for (const entry of found.data?.items ?? []) names.set(entry.id, entry.name);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      value={value}
      onChange={(next: string | string[] | undefined) => {
        setQ('');
        onChange?.(next);
      }}
      placeholder={placeholder}
      aria-label={ariaLabel}
      options={[...names].map(([value, label]) => ({ value, label }))}
    />
  );
}
