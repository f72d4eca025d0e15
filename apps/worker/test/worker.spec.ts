import { randomUUID } from 'node:crypto';
import { MetadataScanner, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { collectHandlers, JobHandler, JobName, JobQueue } from '@assay/core';
import { connectAsOwner, until } from '@assay/testing';
import { WorkerModule } from '../src/worker.module';

describe('worker', () => {
  let worker: INestApplicationContext;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    moduleRef.useLogger(false);
    worker = await moduleRef.init();
  });
  afterAll(async () => {
    await worker.close();
  });

  it('runs the maintenance job from the queue: expired refresh tokens of every tenant and forgotten login failures are purged', async () => {
    const owner = await connectAsOwner();
    try {
      const tenantId = randomUUID();
      await owner.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, 'Purge test')`, [tenantId, `purge-${tenantId.slice(0, 8)}`]);
      const user = await owner.query(
        `INSERT INTO users (tenant_id, email, name, password_hash, roles) VALUES ($1, 'p@example.com', 'P', 'x', '{admin}') RETURNING id`,
        [tenantId],
      );
      const insertToken = (expiresAt: string) =>
        owner.query(
          `INSERT INTO refresh_tokens (tenant_id, user_id, token_hash, family_id, expires_at) VALUES ($1, $2, $3, gen_random_uuid(), ${expiresAt}) RETURNING id`,
          [tenantId, user.rows[0].id, randomUUID()],
        );
      const expired = (await insertToken(`now() - interval '1 minute'`)).rows[0].id;
      const live = (await insertToken(`now() + interval '1 day'`)).rows[0].id;
      const key = randomUUID();
      const insertFailures = (suffix: string, lastAttempt: string, lockedUntil: string) =>
        owner.query(`INSERT INTO login_throttles (account_key, failures, last_attempt_at, locked_until) VALUES ($1, 7, ${lastAttempt}, ${lockedUntil})`, [`${key}-${suffix}`]);
      await insertFailures('forgotten', `now() - interval '25 hours'`, `now() - interval '24 hours'`);
      await insertFailures('recent', `now() - interval '1 hour'`, 'NULL');
      await insertFailures('still-locked', `now() - interval '25 hours'`, `now() + interval '1 minute'`);

      await worker.get(JobQueue).enqueue(JobName.PurgeExpired, {});

      const left = await until(async () => {
        const ids = (await owner.query('SELECT id FROM refresh_tokens WHERE tenant_id = $1', [tenantId])).rows.map((r) => r.id);
        return !ids.includes(expired) && ids;
      }, 'the expired refresh token to be purged');
      expect(left).toEqual([live]);
      const throttles = await until(async () => {
        const keys = (await owner.query('SELECT account_key FROM login_throttles WHERE account_key LIKE $1 ORDER BY account_key', [`${key}-%`])).rows.map((r) => r.account_key);
        return !keys.includes(`${key}-forgotten`) && keys;
      }, 'the forgotten login failures to be purged');
      expect(throttles).toEqual([`${key}-recent`, `${key}-still-locked`]);
    } finally {
      await owner.end();
    }
  });

  it('refuses to start when a catalogue job has no handler', () => {
    expect(() => collectHandlers([], new Reflector(), new MetadataScanner())).toThrow(/job "purge-expired" has no handler/);
  });

  it('refuses to start when a job has two handlers', () => {
    class First {
      @JobHandler(JobName.PurgeExpired)
      async run() {
        return 'done' as const;
      }
    }
    class Second {
      @JobHandler(JobName.PurgeExpired)
      async again() {
        return 'done' as const;
      }
    }
    expect(() => collectHandlers([{ instance: new First() }, { instance: new Second() }], new Reflector(), new MetadataScanner())).toThrow(
      /two handlers/,
    );
  });
});
