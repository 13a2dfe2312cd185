import { deepEqual, equal } from './helpers/assert.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';

describe('element: attributes, style, classList, dataset, layout, from an offloaded script', () => {
  const reports = reporting();
  before(() =>
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div id="el" class="a" data-user-id="42" style="width: 120px; height: 30px">text</div>',
    ),
  );

  it('an object with a string form of its own (a URL, a trusted-URL wrapper) is written as a page script writes it', async () => {
    // The same code on the page (the oracle) and offloaded; gtag.js sets script.src so.
    const code = (name) => `
      var base = location.href;
      var wrapped = { toString: function () { return '/wrapped.js?v=1'; } };
      function Trusted(url) { this.url = url; }
      Trusted.prototype.toString = function () { return this.url; };
      var a = document.createElement('a');
      a.href = new URL('/x?y=1', base);
      var s = document.createElement('script');
      s.src = new Trusted('/trusted.js');
      s.setAttribute('data-url', wrapped);
      report('${name}', [a.getAttribute('href'), s.getAttribute('src'), s.getAttribute('data-url'), String(a.href === new URL('/x?y=1', base).href)]);
    `;
    new Function('report', code('page'))(window.report);
    await runOffloaded(code('offloaded'));
    deepEqual(reports.offloaded, reports.page);
    equal(reports.page[1], '/trusted.js');
  });

  it('reads and writes attributes, properties and innerHTML', async () => {
    await runOffloaded(`
      var el = document.getElementById('el');
      report('read', [el.id, el.className, el.getAttribute('data-user-id'), el.hasAttribute('class'), el.tagName, el.textContent, el.innerHTML]);
      el.setAttribute('title', 'set');
      el.removeAttribute('class');
      el.lang = 'fr';
      el.innerHTML = '<b>bold</b>';
      report('after', [el.getAttribute('title'), el.hasAttribute('class'), el.firstChild.tagName, el.attributes.length]);
    `);
    deepEqual(reports.read, ['el', 'a', '42', true, 'DIV', 'text', 'text']);
    deepEqual(reports.after, ['set', false, 'B', 5]);
    const el = document.getElementById('el');
    equal(el.title, 'set');
    equal(el.lang, 'fr');
    equal(el.innerHTML, '<b>bold</b>');
  });

  it('style, classList and dataset behave as on the page', async () => {
    await runOffloaded(`
      var el = document.getElementById('el');
      el.style.color = 'rgb(255, 0, 0)';
      el.style.setProperty('margin-left', '3px');
      el.classList.add('b', 'c');
      el.classList.remove('b');
      el.classList.toggle('d');
      el.dataset.fromWorker = 'yes';
      report('style', [el.style.color, el.style.width, el.classList.contains('c'), el.classList.length, el.dataset.userId, Object.keys(el.dataset).sort().join(',')]);
    `);
    deepEqual(reports.style, ['rgb(255, 0, 0)', '120px', true, 2, '42', 'fromWorker,userId']);
    const el = document.getElementById('el');
    equal(el.style.marginLeft, '3px');
    equal(el.className, 'c d');
    equal(el.dataset.fromWorker, 'yes');
  });

  it('layout: getBoundingClientRect, offsetWidth, getComputedStyle, matchMedia, window sizes', async () => {
    await runOffloaded(`
      var el = document.getElementById('el');
      var rect = el.getBoundingClientRect();
      report('layout', [
        rect.width, el.offsetWidth, getComputedStyle(el).width, matchMedia('(min-width: 1px)').matches,
        innerWidth === document.documentElement.clientWidth + (innerWidth - document.documentElement.clientWidth),
        typeof scrollY, typeof devicePixelRatio, screen.width > 0, typeof navigator.userAgent, navigator.language.length > 0,
      ]);
    `);
    deepEqual(reports.layout, [
      120,
      120,
      '120px',
      true,
      true,
      'number',
      'number',
      true,
      'string',
      true,
    ]);
  });

  it('new Image(), new Option, new URL and URLSearchParams, CustomEvent', async () => {
    await runOffloaded(`
      var img = new Image(2, 3);
      var url = new URL('/path?a=1', location.href);
      url.searchParams.set('b', '2');
      var params = new URLSearchParams('x=1&y=2');
      report('constructors', [img.width, img instanceof HTMLImageElement, url.search, params.get('y'), new CustomEvent('e', { detail: 5 }).detail]);
    `);
    deepEqual(reports.constructors, [2, true, '?a=1&b=2', '2', 5]);
  });

  it("keeps a script's own objects stored on page elements: reading them back gives the same object", async () => {
    await runOffloaded(`
      var el = document.getElementById('el');
      var data = { events: [] };
      el.scriptData = data;
      Object.defineProperty(el, 'definedData', { value: [1, 2], configurable: true });
      data.events.push('added after the write');
      report('own', [el.scriptData === data, el.scriptData.events.length, el.definedData.length, Array.isArray(el.definedData)]);
    `);
    deepEqual(reports.own, [true, 1, 2, true]);
  });

  it("keeps a script's replacement of a page method in the worker; the page's method is untouched", async () => {
    const original = EventTarget.prototype.addEventListener;
    await runOffloaded(`
      var proto = EventTarget.prototype;
      var wrapped = 0;
      var before = proto.addEventListener;
      proto.addEventListener = function () { wrapped++; return before.apply(this, arguments); };
      report('patched', [typeof proto.addEventListener, proto.addEventListener !== before]);
    `);
    deepEqual(reports.patched, ['function', true]);
    equal(EventTarget.prototype.addEventListener, original, 'the page keeps its own method:');
    let heard = false;
    document.body.addEventListener('after-patch', () => (heard = true));
    document.body.dispatchEvent(new Event('after-patch'));
    equal(heard, true, 'page listeners still register:');
  });
});
