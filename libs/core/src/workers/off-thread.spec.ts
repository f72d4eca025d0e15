import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { AppConfig } from '../config/app-config';
import { DomainError } from '../problem/domain-error';
import { OffThread, OffThreadLimitError, type OffThreadTask } from './off-thread';

const task = (fn: string): OffThreadTask => ({ module: join(__dirname, '__tests__/test-tasks'), fn });
const pool = (limits: Partial<AppConfig>) => new OffThread({ PARSE_THREADS: 1, PARSE_TIMEOUT_MS: 60_000, PARSE_MEMORY_MB: 64, ...limits } as AppConfig);

describe('OffThread: CPU-heavy work in worker threads, with limits', () => {
  const pools: OffThread[] = [];
  const open = (limits: Partial<AppConfig> = {}) => {
    const created = pool(limits);
    pools.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.onModuleDestroy()));
  });

  it('runs a task in a thread and answers its value; a Buffer arrives as bytes', async () => {
    await expect(open().run(task('echo'), { bytes: Buffer.from('abc'), text: '星河' })).resolves.toEqual({ length: 3, text: '星河' });
  });

  it('the event loop stays free while a task runs: a task that never ends is in progress while this thread goes on', async () => {
    const threads = open({ PARSE_TIMEOUT_MS: 600_000 });
    const started = new Promise((resolve) => threads.once('started', resolve));
    const never = threads.run(task('spin'), {});
    never.catch(() => undefined);
    await started;
    // On the main thread, `spin` would never give this callback a turn.
    await new Promise((resolve) => setImmediate(resolve));
    await threads.onModuleDestroy();
    await expect(never).rejects.toThrow('closed');
  });

  it('ends a task past its time limit', async () => {
    const threads = open({ PARSE_TIMEOUT_MS: 200 });
    const error = await threads.run(task('spin'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OffThreadLimitError);
    expect((error as OffThreadLimitError).limit).toBe('time');
  });

  it('ends a thread that passes its heap limit', async () => {
    const threads = open({ PARSE_MEMORY_MB: 64 });
    const error = await threads.run(task('hoard'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OffThreadLimitError);
    expect((error as OffThreadLimitError).limit).toBe('memory');
    await expect(threads.run(task('echo'), { bytes: new Uint8Array(2), text: 'after' })).resolves.toEqual({ length: 2, text: 'after' });
  });

  it('hands over the parts a task posts, in order, before its value', async () => {
    const received: number[] = [];
    const value = await open().run<string, number>(task('parts'), { count: 3 }, (part) => received.push(part));
    expect({ value, received }).toEqual({ value: 'done', received: [0, 1, 2] });
  });

  it('a task that throws fails its caller with the error named', async () => {
    await expect(open().run(task('fail'), {})).rejects.toThrow('RangeError: bad input');
  });

  it('writes spreadsheet downloads in a thread, every cell escaped against formulas', async () => {
    const threads = open();
    const table = { sheet: 'people', header: ['name', 'email'], rows: [['=HYPERLINK("http://evil.example","x")', '@a.example'], ['王芳', 'wang@example.com']] };
    const csv = await threads.spreadsheet({ format: 'csv', ...table });
    expect(csv.toString('utf8')).toBe('\uFEFFname,email\n"\'=HYPERLINK(""http://evil.example"",""x"")",\'@a.example\n王芳,wang@example.com\n');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await threads.spreadsheet({ format: 'xlsx', ...table })) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('people')?.getRow(2).values).toEqual([undefined, '\'=HYPERLINK("http://evil.example","x")', "'@a.example"]);
  });

  it('a download that cannot be written within the limits is a 422 saying to narrow it', async () => {
    const threads = open({ PARSE_TIMEOUT_MS: 100 });
    // Held, the writing cannot finish: its time limit is what ends it.
    const release = threads.holdTasks();
    const error = await threads.spreadsheet({ format: 'csv', sheet: 's', header: ['a'], rows: [] }).catch((e: unknown) => e);
    release();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'unprocessable', code: 'export.too_large' });
  });

  it('tasks beyond the pool size wait their turn', async () => {
    const threads = open();
    const results = await Promise.all([1, 2, 3].map((n) => threads.run(task('echo'), { bytes: new Uint8Array(n), text: String(n) })));
    expect(results.map((r) => r)).toEqual([1, 2, 3].map((n) => ({ length: n, text: String(n) })));
  });
});
