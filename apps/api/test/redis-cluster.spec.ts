import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { ConfigError, loadConfig } from '@assay/core';
import { OwnRedis, TestSmtpServer, until } from '@assay/testing';
import { call, Candidate, invitation, objectivePaper } from './attempts-fixtures';
import { startWorker } from './test-worker';
import { TestApi } from './test-api';

const run = promisify(execFile);

/** A Redis Cluster of three masters of this test's own, each in a temporary directory of its own. */
async function startCluster(): Promise<{ nodes: string; servers: OwnRedis[] }> {
  const servers = await Promise.all([1, 2, 3].map(() => OwnRedis.start({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'] })));
  const ports = servers.map((server) => server.port);
  const nodes = ports.map((port) => `127.0.0.1:${port}`);
  await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
  // Every node must agree that all slots are served before clients can use the cluster.
  for (const port of ports) {
    const node = new Redis({ port, host: '127.0.0.1' });
    try {
      await until(async () => /cluster_state:ok/.test(await node.cluster('INFO')), `cluster node ${port} ready`);
    } finally {
      node.disconnect();
    }
  }
  return { nodes: nodes.join(','), servers };
}

describe('Redis Cluster (REDIS_CLUSTER_NODES): queues, rate limits and health on a cluster', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let env: Record<string, string>;

  beforeAll(async () => {
    cluster = await startCluster();
    smtp = await TestSmtpServer.start();
    env = {
      REDIS_CLUSTER_NODES: cluster.nodes,
      // One hash tag: every key of every queue in one slot, as BullMQ's scripts need.
      REDIS_PREFIX: `{assay-test-cluster-${Math.random().toString(36).slice(2, 8)}}`,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'http://localhost:3000',
      AUTH_RATE_LIMIT: '3',
    };
    api = await TestApi.start(env);
    worker = await startWorker(env);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    for (const server of cluster?.servers ?? []) await server.stop();
  }, 120_000);

  it('refuses a cluster without a hash-tagged prefix, naming REDIS_PREFIX', () => {
    expect(() => loadConfig({ ...process.env, REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_PREFIX: 'assay' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...process.env, REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_PREFIX: 'assay' })).toThrow(/REDIS_PREFIX.*hash tag/);
    expect(() => loadConfig({ ...process.env, REDIS_CLUSTER_NODES: 'no port here' })).toThrow(/REDIS_CLUSTER_NODES.*host:port/);
    expect(loadConfig({ ...process.env, REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7000', REDIS_PREFIX: '{assay}' }).REDIS_CLUSTER_NODES).toBe('10.0.0.1:7000, 10.0.0.2:7000');
  });

  it('reports the cluster healthy, sends the invitation email and scores a submitted attempt through queued jobs', async () => {
    await until(async () => (await api.request('GET', '/api/health')).body.status === 'ok', 'the API to reach the cluster');
    const tenant = await api.signup();
    const paper = await objectivePaper(api, tenant, {}, false);
    const invited = await invitation(api, tenant, paper.paperId);
    const [mail] = await smtp.waitFor(1);
    expect(mail.text).toContain(invited.linkToken);

    const { candidate } = await Candidate.start(api, invited.linkToken);
    expect((await candidate.save(paper.q.single, 'B', 1)).status).toBe(200);
    expect((await candidate.submit()).status).toBe(200);
    await until(async () => (await call(api, tenant, 'GET', `/invitations/${invited.invitationId}`)).status === 'graded', 'the scoring job to run on the cluster');
  }, 120_000);

  it('counts login attempts across the cluster: the limit holds', async () => {
    const tenant = await api.signup();
    const guess = () => api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: 'wrong guess' }, remoteAddress: '127.0.0.91' });
    for (let i = 0; i < 3; i += 1) expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(429);
    // In the cluster, not in the process's fallback counters: the keys are there, under the tag.
    expect(await clusterKeys(`${env.REDIS_PREFIX}:throttle:*`)).not.toHaveLength(0);
    expect(await clusterKeys(`${env.REDIS_PREFIX}:attempts:*`)).not.toHaveLength(0);
  }, 60_000);

  /** Keys matching `pattern` on every master of the cluster. */
  async function clusterKeys(pattern: string): Promise<string[]> {
    const client = new Redis.Cluster(cluster.nodes.split(',').map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })));
    try {
      await until(async () => client.status === 'ready', 'the cluster client');
      const found = await Promise.all(client.nodes('master').map((node) => node.keys(pattern)));
      return found.flat();
    } finally {
      client.disconnect();
    }
  }
});
