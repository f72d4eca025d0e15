/**
 * The candidate's web app on a slow phone connection: the JavaScript and CSS a candidate downloads
 * (gzip) and the time to the first usable screens under Chromium's network emulation
 * (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency; DevTools' "Fast 3G"), with a cold cache.
 *
 *   node -r @swc-node/register bench/web-candidate.ts [--runs 5] [--no-build]
 *
 * By itself it: builds (npm run build, which includes the web app), recreates and migrates the
 * database `assay_bench`, starts the compiled API (which serves dist/web) on a free port, signs up a
 * tenant, publishes the 3-question paper of libs/testing/src/fixtures.ts and, per run, invites a
 * candidate. Per run, in a fresh browser context (empty cache, throttled): open the link until the
 * start button is usable (intro), tick the consent and start until the first question can be answered
 * (exam), then reload until the first question is back with its answer (resume).
 * Writes bench/results/web-candidate-<date>.json, stops the process it started. Only 127.0.0.1 is
 * contacted. See docs/performance.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { linkToken } from '@assay/invitations';
import { launchChromium, publishedPaperVia } from '@assay/testing';
import { benchEnvironment, build, call, machine, option, recreateDatabase, ROOT, runBenchmark, signup, startApi } from './support';

const RUNS = Number(option('runs', '5'));
const BUILD = !process.argv.includes('--no-build');
const WEB = join(ROOT, 'dist', 'web');
/** DevTools' "Fast 3G" preset: what a candidate on a weak mobile connection gets. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const { env, config } = benchEnvironment('assay-bench-web', 10);

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** The files a candidate downloads: the entry, the candidate route's lazy chunk, their static imports and CSS. */
function candidateFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(WEB, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const add = (key: string) => {
    const chunk = manifest[key];
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(add);
  };
  add('index.html');
  add('src/candidate/CandidateApp.tsx');
  return [...files];
}

function bundleSizes() {
  const files = candidateFiles().map((file) => {
    const bytes = readFileSync(join(WEB, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
  });
  const sum = (kind: 'js' | 'css', key: 'bytes' | 'gzip') => files.filter((f) => f.file.endsWith(`.${kind}`)).reduce((total, f) => total + f[key], 0);
  return { files, jsBytes: sum('js', 'bytes'), jsGzip: sum('js', 'gzip'), cssGzip: sum('css', 'gzip') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function throttled(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
}

async function main(): Promise<void> {
  if (BUILD) build();
  await recreateDatabase(config);
  const { url } = await startApi(env, 3100, 'api');
  const admin = await signup(url, `bench-web-${Date.now().toString(36)}`);
  const post = (path: string, body: unknown) => call<any>(`${url}/api/v1${path}`, { method: 'POST', token: admin.token, body });
  const paper = await publishedPaperVia(post, '在线客服专员笔试(性能)');
  const sizes = bundleSizes();
  console.log(`candidate JavaScript: ${(sizes.jsGzip / 1024).toFixed(1)} KiB gzip (${(sizes.jsBytes / 1024).toFixed(1)} KiB raw), CSS ${(sizes.cssGzip / 1024).toFixed(1)} KiB gzip`);

  const browser = await launchChromium();
  const runs: { introMs: number; examMs: number; resumeMs: number }[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const invitation = await post('/invitations', { paperId: paper.paperId, candidate: { name: '性能测试', email: `bench-${run}-${Date.now()}@example.com` }, closesAt: new Date(Date.now() + 86_400_000).toISOString() });
      if (invitation.status !== 201) throw new Error(`invite: ${invitation.status}`);
      const token = linkToken(config.LINK_SECRET, invitation.body.id, 1);
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await throttled(page);
      let started = performance.now();
      await page.goto(`${url}/t/${token}`, { waitUntil: 'commit' });
      await page.getByRole('button', { name: '开始测评' }).waitFor();
      const introMs = performance.now() - started;
      await page.getByLabel(/我已阅读以上须知/).check();
      started = performance.now();
      await page.getByRole('button', { name: '开始测评' }).click();
      await page.getByLabel(/倾听并表示理解/).check();
      const examMs = performance.now() - started;
      await page.locator('#save-status', { hasText: /^已保存$/ }).waitFor();
      started = performance.now();
      await page.reload({ waitUntil: 'commit' });
      await page.getByLabel(/倾听并表示理解/).and(page.locator(':checked')).waitFor();
      const resumeMs = performance.now() - started;
      runs.push({ introMs, examMs, resumeMs });
      console.log(`run ${run + 1}: intro ${introMs.toFixed(0)} ms, exam ${examMs.toFixed(0)} ms, resume ${resumeMs.toFixed(0)} ms`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const result = {
    date: new Date().toISOString(),
    machine: await machine(config),
    network: NETWORK,
    runs,
    median: { introMs: median(runs.map((r) => r.introMs)), examMs: median(runs.map((r) => r.examMs)), resumeMs: median(runs.map((r) => r.resumeMs)) },
    bundle: sizes,
  };
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `web-candidate-${result.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`median: intro ${result.median.introMs.toFixed(0)} ms, exam ${result.median.examMs.toFixed(0)} ms, resume ${result.median.resumeMs.toFixed(0)} ms; wrote ${file}`);
}

runBenchmark(main);
