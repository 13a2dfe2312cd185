import { offload } from '/dist/debug/main.js';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { expectedTransport, sleep } from './helpers/channel.js';
import { addScript, reporting, settled } from './helpers/offstage-scripts.js';
import { collected, until } from './helpers/wait.js';

const atomics = expectedTransport === 'atomics';

describe('events: worker listeners of page events', () => {
  const key = `events-${Math.random().toString(36).slice(2)}`;
  const reports = reporting();
  const { body } = document;
  let result;
  before(async () => {
    body.insertAdjacentHTML(
      'beforeend',
      `<button id="events-button">press</button>
       <input id="events-input">
       <iframe name="events-sink" hidden></iframe>
       <iframe name="events-form-sink" hidden></iframe>
       <a id="events-link" href="/collect/${key}?via=link" target="events-sink">link</a>
       <form id="events-form" action="/collect/${key}" target="events-form-sink"><input name="via" value="form"></form>`,
    );
    const script = addScript({
      text: `
        var seen = [];
        var button = document.getElementById('events-button');
        button.addEventListener('click', function (e) {
          seen.push([e.type, e.target.id, e.target === button, e.button, e.clientX, e.clientY, e.detail, e.isTrusted].join(' '));
          document.body.setAttribute('data-events-click', seen.join('|'));
        });
        document.getElementById('events-input').addEventListener('keydown', function (e) {
          document.body.setAttribute('data-events-key', e.key + ' ' + e.shiftKey);
        });
        window.addEventListener('events-custom', function (e) {
          document.body.setAttribute('data-events-detail', JSON.stringify(e.detail));
        });
        var counted = 0;
        function count() { counted++; document.body.setAttribute('data-events-count', String(counted)); }
        document.addEventListener('events-count', count);
        window.removeCounter = function () { document.removeEventListener('events-count', count); };
        document.getElementById('events-link').addEventListener('click', function (e) { e.preventDefault(); });
        document.getElementById('events-form').addEventListener('submit', function (e) {
          e.preventDefault();
          document.body.setAttribute('data-events-submit', 'seen');
        });
        document.addEventListener('events-remove', function () { removeCounter(); });
        document.addEventListener('events-from-worker-please', function () {
          var sent = new CustomEvent('events-from-worker', { detail: { n: 7, list: [1, 2] }, bubbles: true });
          document.body.setAttribute('data-events-dispatched', String(document.body.dispatchEvent(sent)));
        });
      `,
    });
    result = await offload({ lib: '/dist/debug/', syncEvents: ['click', 'submit'] });
    equal(result.where, 'worker', `fell back: ${result.reason}:`);
    deepEqual(await settled([script]), ['done']);
  });

  it('says how to turn the profiler on when stats() is asked without it', async () => {
    let error;
    await result.stats().catch((e) => (error = e));
    ok(error?.message.includes('profile: true'), String(error));
  });

  it('gives listeners the event: type, target (the page element, as a proxy), button, coordinates, key, detail', async () => {
    const button = document.getElementById('events-button');
    button.dispatchEvent(
      new MouseEvent('click', { bubbles: true, clientX: 12, clientY: 34, button: 0, detail: 1 }),
    );
    equal(await until(() => body.dataset.eventsClick), 'click events-button true 0 12 34 1 false');
    document
      .getElementById('events-input')
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Q', shiftKey: true, bubbles: true }));
    equal(await until(() => body.dataset.eventsKey), 'Q true');
    window.dispatchEvent(new CustomEvent('events-custom', { detail: { a: [1, 'two'], b: null } }));
    equal(await until(() => body.dataset.eventsDetail), '{"a":[1,"two"],"b":null}');
  });

  it('runs a listener once per event; removeEventListener stops it', async () => {
    document.dispatchEvent(new Event('events-count'));
    document.dispatchEvent(new Event('events-count'));
    equal(await until(() => body.dataset.eventsCount === '2' && '2'), '2');
    document.dispatchEvent(new Event('events-remove'));
    await sleep(200); // the worker removes its listener in its own time
    document.dispatchEvent(new Event('events-count'));
    await sleep(300);
    equal(body.dataset.eventsCount, '2', 'after removeEventListener:');
  });

  it('a worker listener of a page event sees this, currentTarget and eventPhase as a page listener does, though it runs after the dispatch', async () => {
    // The oracle: the same listeners added by a page script.
    const code = (type) => `
      var seen = [];
      function note(e) {
        seen.push([this === e.currentTarget, e.currentTarget === document ? 'document' : e.currentTarget.id, e.eventPhase, e.target.id, e instanceof Event, e instanceof CustomEvent, e.constructor.name, String(e)]);
        report('${type}', seen.slice());
      }
      document.getElementById('events-button').addEventListener('${type}', note);
      document.addEventListener('${type}', note);
      document.addEventListener('${type}', note, true);
    `;
    const seen = async (type) => {
      document.getElementById('events-button').dispatchEvent(new Event(type, { bubbles: true }));
      return until(() => reports[type]?.length === 3 && reports[type]);
    };
    const script = document.createElement('script');
    script.text = code('phase-on-page');
    document.body.append(script);
    const onPage = await seen('phase-on-page');
    deepEqual(
      onPage.map(([, at, phase]) => [at, phase]),
      [
        ['document', 1],
        ['events-button', 2],
        ['document', 3],
      ],
    );
    deepEqual(await settled([addScript({ text: code('phase-offloaded') })]), ['done']);
    deepEqual(await seen('phase-offloaded'), onPage);
  });

  it('runs worker listeners during a call that dispatches their event (el.click(), dispatchEvent), nested calls included', async () => {
    const script = addScript({
      text: `
        var order = [];
        var target = document.getElementById('events-button');
        function listener(e) { order.push('listener ' + e.type + ' ' + target.id); }
        target.addEventListener('click', listener);
        target.addEventListener('sync-check', listener);
        order.push('before');
        target.click();
        target.dispatchEvent(new CustomEvent('sync-check'));
        order.push('after');
        setTimeout(function () { report('sync-order', order); target.removeEventListener('click', listener); }, 300);
      `,
    });
    deepEqual(await settled([script]), ['done']);
    const expected = [
      'before',
      'listener click events-button',
      'listener sync-check events-button',
      'after',
    ];
    deepEqual(await until(() => reports['sync-order']), expected);
  });

  it("dispatches the worker's own CustomEvent to page listeners, detail included", async () => {
    const heard = [];
    document.addEventListener('events-from-worker', (e) =>
      heard.push([e.detail, e.bubbles, e.target === body, e instanceof CustomEvent]),
    );
    document.dispatchEvent(new Event('events-from-worker-please'));
    equal(await until(() => body.dataset.eventsDispatched), 'true', 'dispatchEvent returned');
    deepEqual(heard, [[{ n: 7, list: [1, 2] }, true, true, true]]);
  });

  it(
    atomics
      ? 'lets worker listeners preventDefault() links and form submits (syncEvents)'
      : 'runs link and submit listeners, but cannot cancel their default (no Atomics: see README)',
    async () => {
      const link = document.getElementById('events-link');
      const clicked = link.dispatchEvent(
        new MouseEvent('click', { bubbles: true, cancelable: true }),
      );
      const form = document.getElementById('events-form');
      const submitted = form.dispatchEvent(
        new SubmitEvent('submit', { bubbles: true, cancelable: true }),
      );
      equal(clicked, !atomics, 'click not cancelled:');
      equal(submitted, !atomics, 'submit not cancelled:');
      form.requestSubmit();
      equal(await until(() => body.dataset.eventsSubmit), 'seen');
      const hits = await collected(key, atomics ? 99 : 2, { timeout: atomics ? 1500 : 5000 });
      deepEqual(hits.map((h) => h.query.via).sort(), atomics ? [] : ['form', 'link']);
    },
  );
  it(
    atomics
      ? 'delivers what pagehide listeners send before a closed page goes away'
      : 'runs pagehide listeners (the service-worker transport cannot hold a closing page: see README)',
    async function () {
      const pageKey = `pagehide-${Math.random().toString(36).slice(2)}`;
      const messages = [];
      const onMessage = ({ data }) => messages.push(data);
      addEventListener('message', onMessage);
      const page = window.open(`/tests/fixtures/page-hide.html?key=${pageKey}`);
      ok(page, 'window.open was refused');
      const deadline = Date.now() + 20_000;
      while (!messages.some((m) => m.pageHideScript) && Date.now() < deadline) await sleep(20);
      removeEventListener('message', onMessage);
      const ready = messages.find((m) => m.pageHideReady)?.pageHideReady;
      equal(ready?.where, 'worker', `the page fell back: ${ready?.reason}:`);
      ok(
        messages.some((m) => m.pageHideScript),
        'the offloaded script ran',
      );
      if (atomics) {
        page.close();
        const hits = await collected(pageKey, 2);
        deepEqual(hits.map((h) => h.query.event).sort(), ['keepalive', 'pagehide']);
        equal(
          hits.find((h) => h.query.event === 'pagehide').body,
          'title=offloaded',
          'the listener read the page',
        );
      } else {
        // A pagehide the page survives (a bfcache-style hide): the listener runs, after the event.
        page.dispatchEvent(new page.PageTransitionEvent('pagehide'));
        const hits = await collected(pageKey, 2);
        deepEqual(hits.map((h) => h.query.event).sort(), ['keepalive', 'pagehide']);
        page.close();
      }
    },
  );
});
