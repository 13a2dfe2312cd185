import { deepEqual, ok } from './helpers/assert.js';
import { collected, tabReports } from './helpers/wait.js';

describe('tabs: several pages of the same site at once, and reloads', () => {
  it("runs each tab's scripts against its own page, two tabs at once", async () => {
    const key = `tabs-${Math.random().toString(36).slice(2)}`;
    const reports = tabReports(['left', 'right']);
    const tabs = ['left', 'right'].map((name) =>
      window.open(`/tests/fixtures/tab.html?name=${name}&key=${key}`),
    );
    ok(tabs.every(Boolean), 'window.open was refused');
    const results = await reports;
    deepEqual(
      { left: results.left, right: results.right },
      {
        left: { title: 'tab left 49', tab: 'left', reloaded: false },
        right: { title: 'tab right 49', tab: 'right', reloaded: false },
      },
    );
    const hits = await collected(key, 2, { timeout: 8000, settle: 500 });
    // Closed only now: a beacon sent just before the report must not race the close.
    for (const tab of tabs) tab.close();
    deepEqual(hits.map((h) => [h.query.tab, h.body]).sort(), [
      ['left', 'tab left 49'],
      ['right', 'tab right 49'],
    ]);
  });

  it('delivers beacons and keepalive fetches sent just before a reload, each exactly once', async () => {
    const key = `reload-${Math.random().toString(36).slice(2)}`;
    const name = `reloading-${key}`;
    const reports = tabReports([name]);
    const tab = window.open(`/tests/fixtures/tab.html?name=${name}&key=${key}&reload`);
    ok(tab, 'window.open was refused');
    const results = await reports;
    deepEqual(
      results[name],
      { title: `tab ${name} 49`, tab: name, reloaded: true },
      'the second load ran:',
    );
    const hits = await collected(key, 5, { timeout: 8000, settle: 500 });
    tab.close();
    const sent = hits.map((h) => h.query.beacon ?? `tab ${h.query.tab === name}`).sort();
    deepEqual(sent, ['1', '2', '3', 'keepalive', 'tab true']);
  });
});
