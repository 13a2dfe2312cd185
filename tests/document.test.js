import { deepEqual, equal, ok } from './helpers/assert.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';

describe('document: the page document, seen from an offloaded script', () => {
  const reports = reporting();
  before(() => {
    document.title = 'Document test page';
    document.body.insertAdjacentHTML(
      'beforeend',
      '<ul id="doc-list"><li>a</li><li class="x">b</li><li class="x">c</li></ul>',
    );
  });

  it('reads title, referrer, visibilityState, readyState, URL; writes title', async () => {
    equal(
      await runOffloaded(`
        report('read', [document.title, typeof document.referrer, document.visibilityState, document.readyState, document.URL === location.href]);
        document.title = 'written by the worker';
      `),
      'done',
    );
    deepEqual(reports.read, ['Document test page', 'string', 'visible', 'complete', true]);
    equal(document.title, 'written by the worker');
  });

  it('keeps identity and types: document.body === document.body, instanceof, typeof, in', async () => {
    await runOffloaded(`
      report('identity', [
        document.body === document.body,
        document.getElementById('doc-list') === document.querySelector('#doc-list'),
        document.body instanceof HTMLElement,
        document instanceof Document,
        typeof document.createElement,
        'title' in document,
        'noSuchProperty' in document,
        'localStorage' in window,
      ]);
    `);
    deepEqual(reports.identity, [true, true, true, true, 'function', true, false, true]);
  });

  it('queries: getElementById, querySelector(All), NodeList and HTMLCollection length, index, iteration, forEach', async () => {
    await runOffloaded(`
      var items = document.querySelectorAll('#doc-list li');
      var texts = [];
      for (var item of items) texts.push(item.textContent);
      var viaForEach = [];
      items.forEach(function (item, i) { viaForEach.push(i + item.textContent); });
      var byClass = document.getElementsByClassName('x');
      report('queries', [items.length, items[1].textContent, texts.join(''), viaForEach.join(' '), byClass.length, Array.from(byClass).map(function (e) { return e.textContent; }).join(''), [].slice.call(items).length]);
    `);
    deepEqual(reports.queries, [3, 'b', 'abc', '0a 1b 2c', 2, 'bc', 3]);
  });

  it('creates and inserts nodes: createElement, createTextNode, appendChild, insertBefore, remove', async () => {
    await runOffloaded(`
      var list = document.getElementById('doc-list');
      var li = document.createElement('li');
      li.appendChild(document.createTextNode('first'));
      list.insertBefore(li, list.firstChild);
      var last = document.createElement('li');
      last.textContent = 'last';
      list.appendChild(last);
      list.children[1].remove();
      var fragment = document.createDocumentFragment();
      fragment.appendChild(document.createElement('li')).textContent = 'from a fragment';
      list.append(fragment);
      report('created', li.parentNode === list && li.nodeName);
    `);
    equal(reports.created, 'LI');
    deepEqual(
      [...document.querySelectorAll('#doc-list li')].map((li) => li.textContent),
      ['first', 'b', 'c', 'last', 'from a fragment'],
    );
  });

  it('document.write during a script inserts its markup where the script is', async () => {
    equal(
      await runOffloaded(
        `document.write('<p id="written-1">one</p>'); document.writeln('<p id="written-2">two</p>');`,
      ),
      'done',
    );
    const first = document.getElementById('written-1');
    ok(first, 'document.write inserted the markup');
    equal(first.previousElementSibling?.type, 'text/offstage', 'right after its script:');
    equal(document.getElementById('written-2')?.previousElementSibling, first);
    equal(document.readyState, 'complete', 'and the page was not replaced');
  });
});
