import type { Client } from 'pg';
import { connectAsOwner, until } from '@assay/testing';
import { invitation, objectivePaper } from './attempts-fixtures';
import { TestApi, type SignedUpTenant } from './test-api';

/** Staff changes to an invitation racing the candidate's start: the status they depend on is read under the row lock. */
describe('invitation changes racing a start', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  let paperId: string;
  let owner: Client;
  let observer: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    tenant = await api.signup();
    paperId = (await objectivePaper(api, tenant, {}, false)).paperId;
    [owner, observer] = [await connectAsOwner(), await connectAsOwner()];
  });
  afterAll(async () => {
    await Promise.all([owner.end(), observer.end(), api.close()]);
  });

  it('a revoke that arrives while the candidate is starting waits, then refuses (409): no started invitation is marked revoked', async () => {
    const { invitationId } = await invitation(api, tenant, paperId);
    // The start, mid-transaction: it holds the invitation row (as AttemptsService.start does) and is about to mark it started.
    await owner.query('BEGIN');
    await owner.query('SELECT 1 FROM invitations WHERE id = $1 FOR UPDATE', [invitationId]);
    const holder = (await owner.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const revoke = api.request('POST', `/api/v1/invitations/${invitationId}/revoke`, { token: tenant.accessToken });
    // The race happens for certain: the revoke's transaction is blocked on the row lock the start holds.
    await until(
      async () => (await observer.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))', [holder])).rows[0].n > 0,
      'the revoke to wait for the invitation row lock',
    );
    await owner.query(`UPDATE invitations SET status = 'started', started_at = now() WHERE id = $1`, [invitationId]);
    await owner.query('COMMIT');

    const response = await revoke;
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 409, code: 'invitation.already_started' });
    const [row] = (await owner.query('SELECT status, revoked_at FROM invitations WHERE id = $1', [invitationId])).rows;
    expect(row).toEqual({ status: 'started', revoked_at: null });
  });
});
