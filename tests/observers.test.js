import { deepEqual, equal, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';
import { until } from './helpers/wait.js';

describe('observers: callbacks of page observers run in the worker', () => {
  const reports = reporting();
  before(() =>
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div id="observed" style="width: 50px; height: 20px"></div>',
    ),
  );

  it('MutationObserver reports page changes, with records', async () => {
    await runOffloaded(`
      var seen = [];
      window.mutations = new MutationObserver(function (records, observer) {
        records.forEach(function (r) { seen.push(r.type + ':' + (r.attributeName || r.addedNodes.length)); });
        report('mutations', seen.slice());
      });
      mutations.observe(document.getElementById('observed'), { attributes: true, childList: true });
    `);
    const observed = document.getElementById('observed');
    observed.setAttribute('data-x', '1');
    observed.append(document.createElement('span'));
    deepEqual(await until(() => reports.mutations?.length >= 2 && reports.mutations), [
      'attributes:data-x',
      'childList:1',
    ]);
    await runOffloaded(`mutations.disconnect();`);
    observed.setAttribute('data-y', '1');
    await sleep(300);
    equal(reports.mutations.length, 2, 'after disconnect:');
  });

  it('ResizeObserver and IntersectionObserver deliver entries', async () => {
    await runOffloaded(`
      new ResizeObserver(function (entries) { report('resize', entries[0].contentRect.width); }).observe(document.getElementById('observed'));
      new IntersectionObserver(function (entries) { report('intersection', typeof entries[0].isIntersecting); }).observe(document.getElementById('observed'));
    `);
    document.getElementById('observed').style.width = '77px';
    equal(await until(() => reports.resize === 77 && 77, 10_000), 77);
    equal(await until(() => reports.intersection), 'boolean');
  });

  it('PerformanceObserver sees the page entries', async () => {
    await runOffloaded(`
      new PerformanceObserver(function (list) { report('marks', list.getEntries().map(function (e) { return e.name; })); }).observe({ type: 'mark' });
    `);
    performance.mark('from-the-page');
    const marks = await until(() => reports.marks);
    ok(marks?.includes('from-the-page'), JSON.stringify(marks));
  });
});
