import { equal, ok } from './helpers/assert.js';
import { collected, until } from './helpers/wait.js';

// The demo `npm start` serves: its heavy tag runs offloaded, writes to the page and sends
// beacons; the same page can run it on the main thread.
describe('site: the demo page', () => {
  async function open(query) {
    const frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '600px';
    frame.src = `/site/index.html?rounds=10${query}`;
    document.body.append(frame);
    const lines = () => frame.contentDocument?.querySelectorAll('#tag-output li').length ?? 0;
    await until(() => lines() >= 10, 30_000);
    return frame;
  }

  it('runs the heavy tag offloaded: it writes all its rounds to the page and its beacons arrive', async () => {
    const frame = await open('');
    const page = frame.contentWindow;
    equal(page.document.querySelectorAll('#tag-output li').length, 10, 'rounds written:');
    const tag = page.document.querySelector('script[src="/site/heavy-tag.js"]');
    equal(tag.dataset.offstage, 'done', 'the tag ran in the worker:');
    const collector = page.document.querySelector('main-thread-meter').collector;
    equal((await collected(collector, 2)).length, 2, 'beacons (every fifth round):');
    ok(page.document.cookie.includes('demo_visitor='), 'the tag set its cookie on the page');
    frame.remove();
  });

  it('runs the same tag on the main thread with ?where=main', async () => {
    const frame = await open('&where=main');
    const page = frame.contentWindow;
    equal(page.document.querySelectorAll('#tag-output li').length, 10);
    equal(
      page.document.querySelector('script[src="/site/heavy-tag.js"]').type,
      '',
      'an ordinary script:',
    );
    frame.remove();
  });

  /** Opens the Wasm demo for a few model years; resolves when the last year is on the page. */
  async function openWasm(query) {
    const frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '600px';
    frame.src = `/site/wasm.html?years=3&steps=1000${query}`;
    document.body.append(frame);
    const summary = () => frame.contentDocument?.querySelector('#table-root p')?.textContent ?? '';
    await until(() => summary().startsWith('Year 2028'), 30_000);
    return {
      frame,
      summary: summary(),
      rows: frame.contentDocument.querySelectorAll('#table-root tr').length,
    };
  }

  it('runs the C table example offloaded: its data fetched, 100 cities rendered and updated', async () => {
    const { frame, summary, rows } = await openWasm('');
    equal(rows, 101, 'a header and 100 cities:');
    ok(/^Year 2028: 100 cities, \d+ people\.$/.test(summary), summary);
    equal(
      frame.contentDocument.querySelector('script[type="text/offstage"]').dataset.offstage,
      'done',
    );
    frame.remove();
  });

  it('runs the same .wasm on the main thread with ?where=main, with the same result', async () => {
    const worker = await openWasm('');
    const main = await openWasm('&where=main');
    equal(main.rows, 101);
    equal(main.summary, worker.summary, 'the same model, the same numbers:');
    worker.frame.remove();
    main.frame.remove();
  });
});
