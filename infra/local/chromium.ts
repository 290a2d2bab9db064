/**
 * How the project's tools find and start a browser: the IDE's browser test and `npm run report`
 * drive Debian's Chromium with playwright-core, which downloads no browser of its own.
 */

/** Debian's Chromium (`apt-get install chromium`). */
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
