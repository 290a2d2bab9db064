import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { chromiumPath } from '../../infra/local/chromium.ts';

/** Where the browser is and how it starts: shared with `npm run report` (infra/local/chromium.ts). */
export { chromiumArgs, chromiumPath } from '../../infra/local/chromium.ts';

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
