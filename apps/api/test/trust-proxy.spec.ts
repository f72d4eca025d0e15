import { loadConfig } from '@assay/core';
import { createAdapter } from '../src/api';

/** The client's address behind the load balancer of a scaled stack (docs/scaling.md), and not otherwise. */
describe('TRUST_PROXY', () => {
  async function addressSeen(trustProxy: string): Promise<string> {
    const fastify = createAdapter(loadConfig({ ...process.env, TRUST_PROXY: trustProxy })).getInstance();
    fastify.get('/ip', async (request) => ({ ip: request.ip }));
    try {
      const response = await fastify.inject({ method: 'GET', url: '/ip', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' } });
      return response.json().ip;
    } finally {
      await fastify.close();
    }
  }

  it('unset: the peer is the client, whatever X-Forwarded-For claims', async () => {
    expect(await addressSeen('')).toBe('10.0.0.5');
  });

  it('1: the address the one trusted proxy added (the last entry), not what the client wrote before it', async () => {
    expect(await addressSeen('1')).toBe('198.51.100.7');
  });

  it('an address list: trusted only from those proxies', async () => {
    expect(await addressSeen('10.0.0.0/8')).toBe('198.51.100.7');
    expect(await addressSeen('192.168.0.0/16')).toBe('10.0.0.5');
  });
});
