import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/** Debian's Chromium: the browser tests drive it with playwright-core, which downloads no browser. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Flags for this machine's closed network: without the background-networking ones Chromium keeps
 * dialling Google's services, whose connections are refused. Playwright adds a fresh profile
 * directory (--user-data-dir) of its own at every launch.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Installs Chromium from Debian when it is missing, as root (as CI runs); a non-root developer is
 * told the one command to run. Called by the browser tests' own setup, so `npm test` needs no
 * step before it.
 */
export async function ensureChromium(): Promise<void> {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${chromiumPath} is missing; install it once with: sudo apt-get update && sudo apt-get install -y chromium`,
    );
  }
  // Waits for apt's lock rather than failing when another install runs.
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    await promisify(execFile)('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: unknown) => {
      throw new Error(`apt-get ${args.join(' ')} failed`, { cause: error });
    });
  }
  if (!existsSync(chromiumPath)) throw new Error(`apt-get installed chromium, but ${chromiumPath} is still missing`);
}
