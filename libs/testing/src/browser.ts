import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's chromium (never a test tool's own download), headless, with no network but loopback. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The browser of the end-to-end tests and the web benchmark (`CHROMIUM_PATH` points elsewhere). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Viewport {
  width: number;
  height: number;
}

/** The two widths every screen is checked at: a small phone and a laptop. */
export const PHONE: Viewport = { width: 375, height: 812 };
export const DESKTOP: Viewport = { width: 1280, height: 800 };
/** Where the browser tests photograph their screens (git-ignored tmp/screenshots at the repository root). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'tmp', 'screenshots');

/**
 * Collects the page's console errors and uncaught exceptions into `errors` (a test fails when it is
 * not empty). `expected` sees each console error first: true keeps out one the test provokes on
 * purpose (a refusal the browser logs as a failed load), which it may record itself.
 */
export function watchConsole(page: Page, errors: string[], expected?: (message: ConsoleMessage) => boolean): Page {
  page.on('console', (message) => {
    if (message.type() !== 'error' || expected?.(message)) return;
    // A failed load names the page; the resource that failed is in the message's location.
    const resource = failedStatus(message) === undefined ? '' : ` (${message.location().url})`;
    errors.push(`${page.url()}: ${message.text()}${resource}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return page;
}


/** The HTTP status of Chromium's console line for a failed response, if the message is one. */
export function failedStatus(message: ConsoleMessage): number | undefined {
  const status = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(message.text());
  return status ? Number(status[1]) : undefined;
}

export interface AxeViolation {
  id: string;
  targets: unknown[];
}

/** The serious and critical axe-core violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the pages' CSP refuses inline scripts, and a refusal is a console error.
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

let axeScript: string | undefined;
const axeSource = () => (axeScript ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface ScreenOptions {
  /** The screenshots are `<prefix>-<name>-<width>.png` in SCREENSHOTS. */
  prefix: string;
  /** The sizes, in the order checked (desktop, then phone, unless given). */
  viewports?: Viewport[];
  /** Also fail a width where the page is wider than the window (sideways scrolling). */
  noOverflow?: boolean;
  /** After each resize, wait for the transitions it starts (drawers, menus) to end; endless ones (a spinner) are not waited for. */
  settle?: boolean;
  /** The size to leave the page at: 'own' is the one it had; by default the last one checked. */
  restore?: Viewport | 'own';
}

/** What failed at one width: axe-core violations and, with `noOverflow`, the page's too large width. */
export interface ScreenProblem {
  screen: string;
  width: number;
  violations?: AxeViolation[];
  pageWidth?: number;
}

/**
 * Photographs the screen at each width and answers what failed there (an empty list when all
 * passed), for the test's own `expect(...).toEqual([])`.
 */
export async function screenProblems(page: Page, name: string, options: ScreenOptions): Promise<ScreenProblem[]> {
  const own = page.viewportSize() ?? DESKTOP;
  const problems: ScreenProblem[] = [];
  for (const viewport of options.viewports ?? [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    if (options.settle) {
      await page.waitForFunction(() =>
        document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity),
      );
    }
    await page.screenshot({ path: join(SCREENSHOTS, `${options.prefix}-${name}-${viewport.width}.png`), fullPage: true });
    const violations = await axeViolations(page);
    const pageWidth = options.noOverflow ? await page.evaluate(() => document.documentElement.scrollWidth) : viewport.width;
    const problem: ScreenProblem = { screen: name, width: viewport.width };
    if (violations.length > 0) problem.violations = violations;
    if (pageWidth > viewport.width) problem.pageWidth = pageWidth;
    if (problem.violations || problem.pageWidth) problems.push(problem);
  }
  if (options.restore) await page.setViewportSize(options.restore === 'own' ? own : options.restore);
  return problems;
}
