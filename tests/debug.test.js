import { ok } from './helpers/assert.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';

describe('debug: logCalls, logGetters, logSetters', () => {
  const reports = reporting();

  it("logs each access on the worker's console: what, which script, how long (or posted)", async () => {
    // The worker's console is its own: the script collects what Offstage logs there.
    await runOffloaded(
      `
        var logged = [];
        var debug = console.debug;
        console.debug = function (line) { logged.push(String(line)); };
        var el = document.createElement('div');
        el.id = 'logged';
        el.setAttribute('data-x', 'y');
        el.getAttribute('data-x');
        document.title;
        console.debug = debug;
        report('logged', logged);
      `,
      { logCalls: true, logGetters: true, logSetters: true },
    );
    const lines = reports.logged ?? [];
    const has = (pattern) =>
      ok(
        lines.some((l) => pattern.test(l)),
        `${pattern} in:\n${lines.join('\n')}`,
      );
    has(/^Offstage · inline script #1 · get title \(\d+\.\d\d ms\)$/);
    has(/· set id = "logged" \(posted\)$/);
    has(/· call setAttribute\("data-x", "y"\) \(posted\)$/);
    has(/· call getAttribute\("data-x"\) \(\d+\.\d\d ms\)$/);
    has(/· call createElement\("div"\) \(posted\)$/);
  });
});
