/** A JSON value as the audit log stores it (redacted by the API; `"[redacted]"` stands for a hidden value). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type ChangeKind = 'added' | 'removed' | 'changed' | 'same';

/** One leaf of a resource before and after a change, by its path (`roles[1]`, `settings.shuffle`). */
export interface FieldChange {
  path: string;
  kind: ChangeKind;
  /** The value before (absent when added). */
  before?: Json;
  /** The value after (absent when removed). */
  after?: Json;
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The leaves of a value by path; an empty object or list is a leaf of its own, so it still shows. */
function leaves(value: Json | undefined, path: string, into: Map<string, Json>): Map<string, Json> {
  if (value === undefined) return into;
  if (Array.isArray(value) && value.length > 0) value.forEach((item, i) => leaves(item, `${path}[${i}]`, into));
  else if (isObject(value) && Object.keys(value).length > 0) for (const [key, item] of Object.entries(value)) leaves(item, path ? `${path}.${key}` : key, into);
  else into.set(path, value);
  return into;
}

/**
 * A readable diff of an entry's `before` and `after`: every leaf of either, in the order they
 * appear (after's order, then what only before had), marked added, removed, changed or the same.
 * Either side may be null (a creation has no before, a deletion no after).
 */
export function diffJson(before: Json | undefined, after: Json | undefined): FieldChange[] {
  const old = leaves(before ?? undefined, '', new Map());
  const now = leaves(after ?? undefined, '', new Map());
  const changes: FieldChange[] = [];
  for (const [path, value] of now) {
    if (!old.has(path)) changes.push({ path, kind: 'added', after: value });
    else {
      const was = old.get(path) as Json;
      changes.push({ path, kind: JSON.stringify(was) === JSON.stringify(value) ? 'same' : 'changed', before: was, after: value });
    }
  }
  for (const [path, value] of old) if (!now.has(path)) changes.push({ path, kind: 'removed', before: value });
  return changes;
}

/** A leaf as one line of text: strings as they are, the rest as JSON. */
export function leafText(value: Json | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
