// Where the three engines are on this machine (Debian packages), overridable by env.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const which = (cmd) => {
  try {
    return (
      execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined
    );
  } catch {
    return undefined;
  }
};
const first = (...candidates) => candidates.find((p) => p && existsSync(p));

export function browserPaths() {
  return {
    chromium: first(process.env.CHROME_PATH, '/usr/bin/chromium', which('chromium')),
    firefox: first(process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', which('firefox-esr')),
    webdriver: first(
      process.env.WEBKIT_WEBDRIVER_PATH,
      '/usr/bin/WebKitWebDriver',
      which('WebKitWebDriver'),
    ),
    minibrowser: first(
      process.env.MINIBROWSER_PATH,
      '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    ),
    xvfbRun: first('/usr/bin/xvfb-run', which('xvfb-run')),
  };
}

/**
 * Headless Chromium as root on a machine with no network but the package registries: no
 * sandbox, and none of its background connections (refused here, many at a time).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why an engine cannot run here, or undefined if it can. */
export function missing(engine, paths = browserPaths()) {
  if (engine === 'chromium' && !paths.chromium)
    return 'no Chromium (apt-get install chromium, or set CHROME_PATH)';
  if (engine === 'firefox' && !paths.firefox)
    return 'no Firefox ESR (apt-get install firefox-esr, or set FIREFOX_PATH)';
  if (engine === 'webkit' && !(paths.webdriver && paths.minibrowser && paths.xvfbRun)) {
    return 'no WebKitWebDriver/MiniBrowser/xvfb-run (apt-get install webkit2gtk-driver xvfb)';
  }
  return undefined;
}
