// One engine × one transport per run; scripts/test.mjs runs the matrix and sums the counts.
// OFFSTAGE_ENGINE: chromium | firefox | webkit; OFFSTAGE_TRANSPORT: atomics | service-worker.
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import { countsReporter } from './scripts/counts-reporter.mjs';
import { browserPaths, CHROMIUM_ARGS } from './scripts/browsers.mjs';
import { collectorMiddleware } from './scripts/collector.mjs';
import { googleTagMiddleware } from './scripts/google-tag.mjs';

const engine = process.env.OFFSTAGE_ENGINE ?? 'chromium';
const transport = process.env.OFFSTAGE_TRANSPORT ?? 'atomics';
const paths = browserPaths();

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: paths.chromium,
        headless: true,
        args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
      },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: { browser: 'firefox', executablePath: paths.firefox, headless: true },
    }),
  webkit: () =>
    webdriverLauncher({
      hostname: '127.0.0.1',
      port: Number(process.env.OFFSTAGE_WEBDRIVER_PORT ?? 4444),
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: paths.minibrowser,
          args: ['--automation', '--javascript-can-open-windows-automatically=true'],
        },
      },
    }),
};

export default {
  rootDir: '.',
  files: process.env.OFFSTAGE_FILES
    ? process.env.OFFSTAGE_FILES.split(',')
    : ['tests/**/*.test.js'],
  browsers: [launchers[engine]()],
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  reporters: [defaultReporter(), countsReporter(process.env.OFFSTAGE_RESULTS)],
  plugins: [
    {
      // executeServerCommand('stop-service-workers'): Chromium stops every service worker
      // through the DevTools protocol, as it does one left idle or under memory pressure
      // (tests/faults.test.js).
      name: 'offstage-devtools',
      async executeCommand({ command, session }) {
        if (command !== 'stop-service-workers') return undefined;
        const cdp = await session.browser.getPage(session.id).createCDPSession();
        // Answers the running states the workers went through, so the test knows they stopped.
        const states = [];
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) =>
          states.push(...versions.map((v) => v.runningStatus)),
        );
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        const deadline = Date.now() + 5000;
        while (!states.includes('stopped') && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        await cdp.detach();
        return states;
      },
    },
  ],
  middleware: [
    collectorMiddleware,
    googleTagMiddleware,
    // Partytown's default lib path, served with Offstage's dist/: a Partytown page unchanged.
    (ctx, next) => {
      // How many random values tests/codec-fuzz.test.js sends each way (scripts/fuzz-codec.mjs
      // asks for more).
      if (ctx.path === '/~fuzz-count') {
        ctx.body = process.env.OFFSTAGE_FUZZ_COUNT ?? '2000';
        return;
      }
      if (ctx.path.startsWith('/~partytown/')) ctx.url = ctx.url.replace('/~partytown/', '/dist/');
      // dist/ with a CSP of its own on the worker (tests/strict-csp.test.js).
      if (ctx.path.startsWith('/~strict-lib/')) {
        ctx.state.workerCsp = ctx.path.endsWith('/offstage-worker.js');
        ctx.url = ctx.url.replace('/~strict-lib/', '/dist/');
      }
      // A lib whose worker never starts: the fallback after fallbackTimeout, deterministically.
      if (ctx.path === '/~silent-lib/offstage-worker.js')
        ctx.url = '/tests/fixtures/silent-worker.js';
      else if (ctx.path.startsWith('/~silent-lib/'))
        ctx.url = ctx.url.replace('/~silent-lib/', '/dist/');
      // posthog-js's stub loads the library from <asset host>/static/array.js.
      if (ctx.path === '/posthog-assets/static/array.js')
        ctx.url = '/node_modules/posthog-js/dist/array.js';
      // /slow/<ms>/…: the file, answered after <ms> milliseconds (scripts that load late).
      const slow = /^\/slow\/(\d+)\//.exec(ctx.path);
      if (slow) {
        ctx.url = ctx.url.slice(slow[0].length - 1);
        return new Promise((resolve) => setTimeout(resolve, Number(slow[1]))).then(next);
      }
      // /corp/…: the file, with Cross-Origin-Resource-Policy but no CORS headers (a third-party
      // script host a cross-origin isolated page may load, and a worker may not read).
      if (ctx.path.startsWith('/corp/')) {
        ctx.url = ctx.url.replace('/corp/', '/');
        ctx.state.corp = true;
      }
      return next();
    },
    async (ctx, next) => {
      await next();
      // Atomics needs a cross-origin isolated page; without these headers the same tests
      // run over the service-worker transport.
      if (transport === 'atomics') {
        ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
        ctx.set('Cross-Origin-Embedder-Policy', 'require-corp');
      }
      if (ctx.state.corp) ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
      // Tests register the service worker for scopes outside dist/.
      if (ctx.path.endsWith('/sw.js')) ctx.set('Service-Worker-Allowed', '/');
      // The strict CSP of tests/strict-csp.test.js; ?policies= names the Trusted Types
      // policies it allows (Offstage's by default). Violations are reported to the collector.
      if (ctx.path === '/tests/fixtures/strict-csp.html') {
        const policies = ctx.query.policies ?? 'offstage';
        ctx.set(
          'Content-Security-Policy',
          `script-src 'nonce-offstage-test' 'strict-dynamic'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types ${policies}; report-uri /collect/csp-page-${ctx.query.key}`,
        );
      }
      if (ctx.state.workerCsp)
        ctx.set(
          'Content-Security-Policy',
          "require-trusted-types-for 'script'; trusted-types offstage; report-uri /collect/csp-worker",
        );
      if (ctx.path === '/tests/fixtures/nonce.html')
        ctx.set('Content-Security-Policy', "script-src 'self' 'nonce-offstage-test'");
      ctx.set('Cache-Control', 'no-store');
    },
  ],
};
