import { offload } from '/dist/debug/main.js';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { addScript, onPageAndOffloaded, reporting, settled } from './helpers/offstage-scripts.js';

// Writes, and calls of methods that return nothing, are posted: they go with the next
// blocking access, in order with it, so a run of them costs no round trip.
describe('batching: posted writes and void calls, in order with reads', () => {
  let result;
  it('sends 1000 setAttribute calls and the read after them in one round trip, in order', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="batch-target"></div>');
    const warmUp = addScript({
      text: `var batchTarget = document.getElementById('batch-target'); batchTarget.setAttribute; batchTarget.getAttribute; batchTarget.removeAttribute;`,
    });
    const script = addScript({
      text: `
        for (var i = 0; i < 1000; i++) batchTarget.setAttribute('data-i', String(i));
        batchTarget.setAttribute('data-gone', 'x');
        batchTarget.removeAttribute('data-gone');
        batchTarget.textContent = 'written';
        batchTarget.setAttribute('data-read', batchTarget.getAttribute('data-i') + ' ' + batchTarget.getAttribute('data-gone') + ' ' + batchTarget.textContent);
      `,
    });
    result = await offload({ lib: '/dist/debug/', profile: true });
    equal(result.where, 'worker', `fell back: ${result.reason}:`);
    deepEqual(await settled([warmUp, script]), ['done', 'done']);
    const target = document.getElementById('batch-target');
    equal(target.dataset.read, '999 null written', 'each read saw every write before it:');
    equal(target.textContent, 'written');
    const stats = (await result.stats()).find((s) => s.script === 'inline script #2');
    // The three reads; the posted calls ride on the first of them.
    equal(stats.roundTrips, 3, `round trips: ${JSON.stringify(stats)}:`);
    ok(
      result.host.stats().posted >= 1004,
      `posted calls run on the page: ${result.host.stats().posted}`,
    );
  });

  it("runs posted writes in the same page task as the read after them, as a page script's are (page observers run after both)", async () => {
    const reports = reporting();
    document.body.insertAdjacentHTML('beforeend', '<div id="observed-target"></div>');
    const target = document.getElementById('observed-target');
    // Page code reacting to the writes: a MutationObserver's callback runs once the task that
    // wrote has ended.
    new MutationObserver(() => {
      target.dataset.observed = String(Number(target.dataset.observed ?? 0) + 1);
    }).observe(target, { attributeFilter: ['data-n'] });
    const code = (name) => `
      var el = document.getElementById('observed-target');
      var before = el.getAttribute('data-observed');
      el.setAttribute('data-n', '${name}');
      // The first read after the write: a task of its own on the page, which the write is part of.
      var after = el.getAttribute('data-observed');
      report('${name}', [before === after, el.getAttribute('data-n')]);
    `;
    await onPageAndOffloaded(code, result.stats);
    deepEqual(reports.onPage, [true, 'onPage']);
    deepEqual(reports.offloaded, [reports.onPage[0], 'offloaded']);
  });

  it("runs a long posted batch in slices: the page's own tasks run between them, and the read after it sees all of it", async () => {
    // A page element whose every attribute change costs the page 1 ms (its own reaction), so
    // that 300 posted writes outlast several slices.
    customElements.define(
      'slow-attributes',
      class extends HTMLElement {
        static observedAttributes = ['data-n'];
        changes = 0;
        attributeChangedCallback() {
          for (const end = performance.now() + 1; performance.now() < end;);
          this.changes++;
        }
      },
    );
    document.body.insertAdjacentHTML('beforeend', '<slow-attributes id="slow"></slow-attributes>');
    const slow = document.getElementById('slow');
    // What the page's own tasks see while the worker's batch runs.
    const seen = [];
    let ticking = true;
    const tick = () => {
      seen.push(slow.changes);
      if (ticking) setTimeout(tick);
    };
    tick();
    const reports = reporting();
    const [state] = await settled([
      addScript({
        text: `
          var slow = document.getElementById('slow');
          for (var i = 1; i <= 300; i++) slow.setAttribute('data-n', String(i));
          report('slow', [slow.getAttribute('data-n'), slow.changes]);
        `,
      }),
    ]);
    ticking = false;
    equal(state, 'done');
    deepEqual(reports.slow, ['300', 300], 'the read after the batch ran after all of it:');
    ok(
      seen.some((n) => n > 0 && n < 300),
      `a page task ran while the batch was part done: ${[...new Set(seen)]}`,
    );
  });

  it('starts the worker with one blocking round trip on either transport: its answer carries the scripts', async () => {
    const startUp = (await result.stats()).find((s) => s.script === '(start-up)');
    ok(startUp, `rows: ${(await result.stats()).map((s) => s.script).join(', ')}`);
    equal(startUp.roundTrips, 1, `before the first script: ${JSON.stringify(startUp)}:`);
    deepEqual(
      startUp.top.map((t) => t.path),
      ['start-up'],
    );
  });

  it('reports a posted call that throws on the page console, and runs the calls after it', async () => {
    const errors = [];
    const consoleError = console.error;
    console.error = (...args) => errors.push(args.map(String).join(' '));
    try {
      const script = addScript({
        text: `
          batchTarget.setAttribute('not a valid name', 'x');
          batchTarget.setAttribute('data-after', 'ran');
          batchTarget.getAttribute('data-after');
        `,
      });
      deepEqual(await settled([script]), ['done']);
      equal(document.getElementById('batch-target').dataset.after, 'ran');
      ok(
        errors.some((e) => e.includes('setAttribute') || e.includes('offstage:method')),
        errors.join('\n'),
      );
    } finally {
      console.error = consoleError;
    }
  });

  it('creates nodes without a round trip: 100 elements built, filled and appended, then two reads', async () => {
    const script = addScript({
      text: `
        var list = document.createElement('ul');
        list.id = 'made-list';
        for (var i = 0; i < 100; i++) {
          var item = document.createElement('li');
          item.setAttribute('data-n', String(i));
          item.appendChild(document.createTextNode('item ' + i));
          list.appendChild(item);
        }
        document.body.appendChild(list);
        window.madeSame = document.getElementById('made-list') === list && list.lastChild === item;
        document.body.setAttribute('data-made-same', String(madeSame));
      `,
    });
    deepEqual(await settled([script]), ['done']);
    const list = document.getElementById('made-list');
    equal(list.children.length, 100);
    equal(list.lastElementChild.textContent, 'item 99');
    equal(
      document.body.dataset.madeSame,
      'true',
      "the worker's handles are the page's nodes (identity):",
    );
    const stats = (await result.stats()).find((s) => s.script === 'inline script #4');
    // getElementById and lastChild, and document.body twice: making, filling and appending cost none.
    ok(stats.roundTrips <= 4, `round trips: ${JSON.stringify(stats)}`);
  });
});
