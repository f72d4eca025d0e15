import { Writable } from 'node:stream';
import pino from 'pino';
import pretty from 'pino-pretty';
import { PRETTY_LOGS_TRANSPORT, wantsPrettyLogs } from './pretty-logs';

describe('readable logs in development on a terminal, JSON elsewhere', () => {
  it.each([
    ['development', true, true],
    [undefined, true, true],
    ['test', true, true],
    ['production', true, false],
    ['development', false, false],
    [undefined, false, false],
  ])('NODE_ENV=%s, stdout a terminal: %s -> pretty: %s', (nodeEnv, terminal, expected) => {
    expect(wantsPrettyLogs(nodeEnv, terminal)).toBe(expected);
  });

  it('the pretty printer with our options writes one readable line per entry, not JSON', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pino(pretty({ ...PRETTY_LOGS_TRANSPORT.options, colorize: false, destination, sync: true }));
    logger.info({ jobId: 'deadline-1', tenantId: 't-1' }, 'Job started');
    logger.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Job started \{.*"jobId":"deadline-1".*\}$/);
    expect(() => JSON.parse(lines[0])).toThrow();
  });
});
