import { diffJson, leafText } from './audit-diff';

describe('diffJson', () => {
  it('marks each leaf added, removed, changed or the same, by path', () => {
    const before = { name: '王敏', roles: ['recruiter'], status: 'active', settings: { shuffle: true } };
    const after = { name: '王敏', roles: ['recruiter', 'admin'], settings: { shuffle: false }, email: '[redacted]' };
    expect(diffJson(before, after)).toEqual([
      { path: 'name', kind: 'same', before: '王敏', after: '王敏' },
      { path: 'roles[0]', kind: 'same', before: 'recruiter', after: 'recruiter' },
      { path: 'roles[1]', kind: 'added', after: 'admin' },
      { path: 'settings.shuffle', kind: 'changed', before: true, after: false },
      { path: 'email', kind: 'added', after: '[redacted]' },
      { path: 'status', kind: 'removed', before: 'active' },
    ]);
  });

  it('reads a creation (no before) and a deletion (no after)', () => {
    expect(diffJson(null, { id: 'k1', scopes: [] })).toEqual([
      { path: 'id', kind: 'added', after: 'k1' },
      { path: 'scopes', kind: 'added', after: [] },
    ]);
    expect(diffJson({ id: 'k1' }, null)).toEqual([{ path: 'id', kind: 'removed', before: 'k1' }]);
    expect(diffJson(null, null)).toEqual([]);
  });

  it('sees a leaf that became an object, and a null value', () => {
    expect(diffJson({ revokedAt: null, a: 1 }, { revokedAt: '2026-12-03T10:00:00.000Z', a: { b: 1 } })).toEqual([
      { path: 'revokedAt', kind: 'changed', before: null, after: '2026-12-03T10:00:00.000Z' },
      { path: 'a.b', kind: 'added', after: 1 },
      { path: 'a', kind: 'removed', before: 1 },
    ]);
  });
});

describe('leafText', () => {
  it('shows strings as they are and the rest as JSON', () => {
    expect([leafText('x'), leafText(null), leafText(3), leafText([]), leafText(undefined)]).toEqual(['x', 'null', '3', '[]', '']);
  });
});
