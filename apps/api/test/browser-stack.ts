import { mkdirSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { DESKTOP, launchChromium, SCREENSHOTS, watchConsole, type Viewport } from '@assay/testing';
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

/** The machine is shared and slow at times: each event is waited for this long (never a fixed time). */
const EVENT_TIMEOUT_MS = 60_000;

export interface PageOptions {
  /** DESKTOP unless given. */
  viewport?: Viewport;
  acceptDownloads?: boolean;
  hasTouch?: boolean;
  /** A console error the test provokes on purpose, kept out of `errors` (see watchConsole). */
  expected?: (message: ConsoleMessage) => boolean;
}

/** A new window with its own session (close it with `page.context().close()`), in Chinese, whose console errors go to `errors`. */
export async function openPage(browser: Browser, errors: string[], options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'zh-CN', acceptDownloads: options.acceptDownloads, hasTouch: options.hasTouch });
  context.setDefaultTimeout(EVENT_TIMEOUT_MS);
  return watchConsole(await context.newPage(), errors, options.expected);
}

/** Signs a staff member in through the login form; the caller waits for the screen it expects next. */
export async function signIn(page: Page, base: string, member: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/staff/login`);
  await page.getByLabel('邮箱').fill(member.email);
  await page.getByLabel('密码').fill(member.password);
  await page.getByRole('button', { name: '登录' }).click();
}
