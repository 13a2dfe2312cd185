import { deepEqual, equal } from './helpers/assert.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';

describe('storage and cookies: localStorage, sessionStorage, document.cookie from an offloaded script', () => {
  const reports = reporting();
  before(() => {
    localStorage.clear();
    sessionStorage.clear();
    localStorage.setItem('fromPage', 'p');
    document.cookie = 'pageCookie=1; path=/';
  });
  after(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('reads and writes localStorage and sessionStorage: methods, properties, keys, length', async () => {
    await runOffloaded(`
      localStorage.setItem('fromWorker', 'w');
      localStorage.asProperty = 'prop';
      sessionStorage.setItem('session', 's');
      report('storage', [localStorage.getItem('fromPage'), localStorage.fromWorker, localStorage.length, Object.keys(localStorage).sort().join(','), 'fromPage' in localStorage, sessionStorage.getItem('session'), localStorage.getItem('missing')]);
      localStorage.removeItem('fromPage');
    `);
    deepEqual(reports.storage, ['p', 'w', 3, 'asProperty,fromPage,fromWorker', true, 's', null]);
    equal(localStorage.getItem('fromWorker'), 'w');
    equal(localStorage.getItem('asProperty'), 'prop');
    equal(localStorage.getItem('fromPage'), null);
    equal(sessionStorage.getItem('session'), 's');
  });

  it('reads and writes document.cookie', async () => {
    await runOffloaded(`
      var before = document.cookie;
      document.cookie = 'workerCookie=abc; path=/; max-age=60';
      report('cookie', [before.indexOf('pageCookie=1') >= 0, document.cookie.indexOf('workerCookie=abc') >= 0]);
    `);
    deepEqual(reports.cookie, [true, true]);
    equal(document.cookie.includes('workerCookie=abc'), true);
    document.cookie = 'workerCookie=; path=/; max-age=0';
  });
});
