import { mkdirSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS } from '@assay/testing';
import { TestApi } from './test-api';
import { startWorker } from './test-worker';

/** What a browser test runs against: the real API serving the built web app on a loopback port, the real worker, and Chromium. */
export interface BrowserStack {
  api: TestApi;
  /** The API's address, e.g. http://127.0.0.1:41234. */
  base: string;
  browser: Browser;
  /** The worker, unless started with `worker: false`. */
  worker?: INestApplicationContext;
  close(): Promise<void>;
}

/** Starts the stack with `env` for both the API and the worker (`worker: false` for screens that queue no jobs). */
export async function startBrowserStack(env: Record<string, string> = {}, options: { worker?: boolean } = {}): Promise<BrowserStack> {
  const api = await TestApi.start(env);
  let worker: INestApplicationContext | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await worker?.close();
    await api.close();
  };
  try {
    await api.app.listen(0, '127.0.0.1');
    const base = await api.app.getUrl();
    if (options.worker !== false) worker = await startWorker(env);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    return { api, base, browser, worker, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The console errors of a suite's pages (fill it with watchConsole): a test fails on any its pages
 * logged, and the next test starts with an empty list.
 */
export function consoleErrorsPerTest(): string[] {
  const errors: string[] = [];
  afterEach(() => {
    expect(errors).toEqual([]);
    errors.length = 0;
  });
  return errors;
}
