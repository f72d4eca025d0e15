import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (never a test tool's own download), headless, with no network but loopback. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The browser of the end-to-end tests and the web benchmark (`CHROMIUM_PATH` points elsewhere). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
