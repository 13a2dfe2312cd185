import { offload } from '/dist/debug/main.js';
import { deepEqual, ok } from './helpers/assert.js';
import { onPageAndOffloaded, reporting } from './helpers/offstage-scripts.js';

// Enumerating a page object offloaded (`JSON.stringify`, `Object.entries`, `for…in`) gives what
// the same code gives as a page script, and costs one round trip for the keys and their
// primitive values, not one per property (under the service worker, a round trip each made
// `JSON.stringify(getComputedStyle(el))` take seconds).
describe('enumeration: page objects enumerated offloaded', () => {
  const reports = reporting();
  let result;
  before(async () => {
    result = await offload({ lib: '/dist/debug/', profile: true });
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div id="enum-target" data-one="1" data-two="two" style="color: rgb(1, 2, 3)"></div>',
    );
    localStorage.clear();
    localStorage.setItem('enum-a', '1');
    localStorage.setItem('enum-b', 'two');
  });
  after(() => localStorage.clear());

  const code = (name) => `(function () {
    var el = document.getElementById('enum-target');
    var seen = { style: JSON.stringify(getComputedStyle(el)) };
    seen.storage = Object.entries(localStorage).sort();
    seen.dataset = JSON.stringify(el.dataset);
    seen.forIn = [];
    for (var key in el.dataset) seen.forIn.push(key + '=' + el.dataset[key]);
    // A call after an enumeration: reads after it see what it changed.
    Object.keys(el.dataset);
    el.setAttribute('data-one', 'changed');
    seen.afterCall = el.dataset.one;
    el.setAttribute('data-one', '1');
    localStorage.setItem('enum-c', 'three');
    seen.after = Object.keys(localStorage).length + ' ' + localStorage['enum-c'];
    localStorage.removeItem('enum-c');
    report('${name}', seen);
  })();`;

  it('gives the same keys and values as a page script, in a few round trips', async () => {
    const roundTrips = await onPageAndOffloaded(code, result.stats);
    deepEqual(reports.offloaded, reports.onPage);
    const properties = Object.keys(JSON.parse(reports.onPage.style)).length;
    ok(properties > 100, `the computed style has ${properties} properties`);
    ok(
      roundTrips < 30,
      `${roundTrips} round trips for ${properties} style properties and the rest`,
    );
  });
});
