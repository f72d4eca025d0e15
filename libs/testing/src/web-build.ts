import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
/** What the web build is made of: its sources, the contracts it imports, and the installed versions. */
const INPUTS = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'libs/contracts/src', 'package-lock.json'];
const STAMP = '.source-hash';

/**
 * Builds the web app (`npm run web:build`, into dist/web, which the API serves) unless the build
 * there was made from exactly these sources: every test run exercises the real build, and an
 * unchanged app costs a hash of its files instead of a build.
 */
export function ensureWebBuild(outDir = join(ROOT, 'dist', 'web')): void {
  const hash = sourceHash();
  const stamp = join(outDir, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'apps', 'web', 'vite.config.ts'), '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Jest sets NODE_ENV=test, which would bundle React's development build: test what ships.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  writeFileSync(stamp, hash);
}

function sourceHash(): string {
  const hash = createHash('sha256').update('NODE_ENV=production');
  for (const file of INPUTS.flatMap((input) => filesUnder(join(ROOT, input))).sort()) {
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}
