import { offload } from '/dist/debug/main.js';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { addScript, onPageAndOffloaded, reporting, settled } from './helpers/offstage-scripts.js';
import { until } from './helpers/wait.js';

// Read-ahead: reading one of the properties analytics read together (the screen's size, the
// navigator's agent and language, the location's parts, the document's title, referrer and
// cookie, the window's size and scroll) brings the others along in the same round trip. What
// the script sees must stay what a page script sees: the same values, fresh after its own
// writes and calls, and fresh in a later task after the page changed them.
describe('read-ahead: properties read together cost one round trip', () => {
  const reports = reporting();
  let result;
  before(async () => {
    result = await offload({
      lib: '/dist/debug/',
      profile: true,
      functions: { retitle: (title) => void (document.title = title) },
    });
    document.body.insertAdjacentHTML('beforeend', '<button id="read-ahead-button"></button>');
    // A page listener: it runs during a script's click() and changes what the script reads.
    document
      .getElementById('read-ahead-button')
      .addEventListener('click', () => (document.title = `${document.title} clicked`));
    document.cookie = 'read-ahead=1';
  });
  after(() => {
    document.cookie = 'read-ahead=; max-age=0';
    document.cookie = 'read-ahead-own=; max-age=0';
  });

  const code = (name) => `(function () {
    var seen = {};
    ['width', 'height', 'availWidth', 'availHeight', 'colorDepth', 'pixelDepth'].forEach(function (k) { seen['screen.' + k] = screen[k]; });
    ['userAgent', 'language', 'platform', 'vendor', 'cookieEnabled', 'doNotTrack', 'hardwareConcurrency', 'maxTouchPoints', 'webdriver'].forEach(function (k) { seen['navigator.' + k] = navigator[k]; });
    ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'].forEach(function (k) { seen['location.' + k] = location[k]; });
    ['title', 'referrer', 'URL', 'domain', 'characterSet', 'readyState', 'visibilityState', 'hidden'].forEach(function (k) { seen['document.' + k] = document[k]; });
    seen.cookie = document.cookie.indexOf('read-ahead=1') >= 0;
    ['innerWidth', 'innerHeight', 'devicePixelRatio', 'scrollX', 'scrollY', 'pageXOffset', 'pageYOffset'].forEach(function (k) { seen['window.' + k] = window[k]; });
    // The script's own writes and calls: what it reads next sees them.
    document.cookie = 'read-ahead-own=' + '${name}';
    seen.ownCookie = document.cookie.indexOf('read-ahead-own=${name}') >= 0;
    history.replaceState(null, '', '#read-ahead-${name}');
    seen.hash = location.hash;
    history.replaceState(null, '', location.pathname + location.search);
    report('${name}', seen);
  })();`;

  it('gives what a page script reads, the window objects in one round trip', async () => {
    const roundTrips = await onPageAndOffloaded(code, result.stats);
    const { ownCookie, hash, ...rest } = reports.offloaded;
    deepEqual(rest, (({ ownCookie, hash, ...r }) => r)(reports.onPage));
    deepEqual([ownCookie, hash], [true, '#read-ahead-offloaded']);
    const reads = Object.keys(rest).length;
    // The five groups in one trip; then the writes and calls and the reads after them (the
    // cookie, the hash, the pathname), and what any script costs (2). By object, it was 12.
    ok(roundTrips <= 8, `${roundTrips} round trips for ${reads} reads`);
  });

  it('after a call that ran page code, reads see what it changed', async () => {
    const title = 'Read ahead';
    const code = (name) => `(function () {
      var seen = [document.title];
      document.getElementById('read-ahead-button').click();
      seen.push(document.title);
      ${name === 'offloaded' ? "offstage.call('retitle', 'retitled');" : "document.title = 'retitled';"}
      seen.push(document.title, location.href === document.URL);
      report('${name}', seen);
    })();`;
    document.title = title;
    const script = document.createElement('script');
    script.text = code('onPage');
    document.body.append(script);
    document.title = title;
    deepEqual(await settled([addScript({ text: code('offloaded') })]), ['done']);
    deepEqual(reports.offloaded, reports.onPage);
    deepEqual(reports.onPage, [title, `${title} clicked`, 'retitled', true]);
    document.title = title;
  });

  it('methods that only read (getItem, getAttribute) answer a repeated call; writes and calls refresh them', async () => {
    localStorage.setItem('read-ahead', 'one');
    localStorage.setItem('null', 'the key "null"');
    const code = (name) => `(function () {
      var el = document.getElementById('read-ahead-button');
      var seen = [];
      for (var i = 0; i < 20; i++) seen.push(localStorage.getItem('read-ahead'));
      seen.push(localStorage.getItem(null), localStorage.getItem('null'), localStorage.getItem(undefined));
      localStorage.setItem('read-ahead', 'two');
      seen.push(localStorage.getItem('read-ahead'), localStorage.key(0) !== null);
      seen.push(el.getAttribute('data-x'), el.hasAttribute('data-x'));
      el.setAttribute('data-x', '${name}');
      seen.push(el.getAttribute('data-x'), el.hasAttribute('data-x'), el.matches('[data-x]'));
      el.removeAttribute('data-x');
      seen.push(el.getAttribute('data-x'));
      localStorage.setItem('read-ahead', 'one');
      report('${name}', seen);
    })();`;
    const roundTrips = await onPageAndOffloaded(code, result.stats);
    deepEqual(
      reports.offloaded.map((v) => (v === 'offloaded' ? 'onPage' : v)),
      reports.onPage,
    );
    // The 20 getItem calls of one key are one (asking each time makes it 38).
    ok(roundTrips <= 22, `${roundTrips} round trips`);
    localStorage.removeItem('read-ahead');
    localStorage.removeItem('null');
  });

  it('a link the script made parses a URL, and a walk up the nodes, as on the page, in a round trip each', async () => {
    const code = (name) => `(function () {
      var seen = [];
      ['https://user@x.test:8080/p/q?s=1#h', '/relative/path?x', 'mailto:a@b.test'].forEach(function (url) {
        var a = document.createElement('a');
        a.href = url;
        seen.push([a.href, a.protocol, a.host, a.hostname, a.port, a.pathname, a.search, a.hash, a.origin].join(' '));
      });
      for (var n = document.getElementById('read-ahead-button'); n; n = n.parentNode)
        seen.push(n.nodeType + ' ' + n.nodeName + ' ' + (n.ownerDocument === document));
      report('${name}', seen);
    })();`;
    const roundTrips = await onPageAndOffloaded(code, result.stats);
    deepEqual(reports.offloaded, reports.onPage);
    // Asking for each part makes it 40: 27 for the links, 13 for the walk.
    ok(roundTrips <= 14, `${roundTrips} round trips`);
  });

  it('a later task reads what the page changed meanwhile', async () => {
    const title = document.title;
    addScript({
      text: `report('first', document.title + ' ' + screen.width);
        var poll = setInterval(function () {
          if (!document.documentElement.hasAttribute('data-read-ahead')) return;
          clearInterval(poll);
          report('second', document.title);
        }, 20);`,
    });
    equal(await until(() => reports.first), `${title} ${screen.width}`);
    document.title = 'changed by the page';
    document.documentElement.setAttribute('data-read-ahead', '');
    equal(await until(() => reports.second), 'changed by the page');
    document.title = title;
  });

  it('the first getItem brings the storage items along; later tasks see what the page changed', async () => {
    const keys = ['ra-a', 'ra-b', 'ra-c', 'ra-d', 'ra-e'];
    keys.forEach((key, i) => localStorage.setItem(key, `value ${i}`));
    sessionStorage.setItem('ra-session', 'in the session');
    // Each task reads every key, an absent one, and the session's: what the page has then.
    const read = `[${JSON.stringify([...keys, 'ra-absent'])}.map(function (k) { return localStorage.getItem(k); }), sessionStorage.getItem('ra-session'), localStorage.getItem('ra-absent')]`;
    const code = (name) => `(function () {
      var seen = [${read}];
      localStorage.setItem('ra-b', 'own write');
      localStorage.removeItem('ra-c');
      seen.push(${read});
      localStorage.setItem('ra-b', 'value 1');
      localStorage.setItem('ra-c', 'value 2');
      report('${name}', seen);
    })();`;
    const roundTrips = await onPageAndOffloaded(code, result.stats);
    deepEqual(reports.offloaded, reports.onPage);
    // The items of each storage area come in one trip, twice for localStorage (it was
    // written); sessionStorage, its getItem and removeItem are read once. Over what a script
    // that reads nothing costs, that is 6; asking for each key makes it 20.
    const nothing = (name) => `report('${name}', 0);`;
    const base = await onPageAndOffloaded(nothing, result.stats);
    ok(roundTrips - base <= 6, `${roundTrips} round trips, ${base} for a script reading nothing`);

    // A later task: the page changed items meanwhile, through setItem, a named property, delete.
    addScript({
      text: `var poll = setInterval(function () {
        if (!document.documentElement.hasAttribute('data-read-ahead-items')) return;
        clearInterval(poll);
        report('later', ${read});
      }, 20);`,
    });
    localStorage.setItem('ra-a', 'changed by setItem');
    localStorage['ra-d'] = 'changed by a named property';
    delete localStorage['ra-e'];
    localStorage['ra-absent'] = 'now present';
    sessionStorage.setItem('ra-session', 'changed');
    document.documentElement.setAttribute('data-read-ahead-items', '');
    deepEqual(await until(() => reports.later), eval(read));
    document.documentElement.removeAttribute('data-read-ahead-items');
    [...keys, 'ra-absent'].forEach((key) => localStorage.removeItem(key));
    sessionStorage.removeItem('ra-session');
  });

  it('a getItem the page wrapped, and items too many to bring along, answer as on the page', async () => {
    localStorage.setItem('ra-big', 'x'.repeat(40_000));
    localStorage.setItem('ra-small', 'small');
    const code = (name) =>
      `report('${name}', [localStorage.getItem('ra-small'), localStorage.getItem('ra-big').length, localStorage.getItem('ra-none')]);`;
    await onPageAndOffloaded(code, result.stats);
    deepEqual(reports.offloaded, reports.onPage);
    deepEqual(reports.onPage, ['small', 40_000, null]);
    localStorage.removeItem('ra-big');
    // Page code wraps getItem: the script's calls go through the wrapper, as a page script's.
    const platform = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key) {
      const value = platform.call(this, key);
      return value === null ? null : `wrapped ${value}`;
    };
    const wrapped = (name) =>
      `report('${name}', [localStorage.getItem('ra-small'), localStorage.getItem('ra-none')]);`;
    try {
      await onPageAndOffloaded(wrapped, result.stats);
    } finally {
      Storage.prototype.getItem = platform;
    }
    deepEqual(reports.onPage, ['wrapped small', null]);
    deepEqual(reports.offloaded, reports.onPage);
    localStorage.removeItem('ra-small');
  });

  it("what cannot change (the location's origin and parts, a node's kind and name) is asked once", async () => {
    const code = (name) => `(function () {
      var el = document.getElementById('read-ahead-button');
      var seen = [location.origin, location.protocol, location.host, location.hostname, location.port, el.nodeType, el.nodeName, el.tagName, el.localName, el.namespaceURI];
      report('${name}', seen);
    })();`;
    await onPageAndOffloaded(code, result.stats);
    deepEqual(reports.offloaded, reports.onPage);
    // A later script: the same values, for no more round trips than it makes without them.
    const roundTrips = await onPageAndOffloaded(code, result.stats);
    deepEqual(reports.offloaded, reports.onPage);
    const without = (name) =>
      `report('${name}', [document.getElementById('read-ahead-button') !== null]);`;
    equal(roundTrips, await onPageAndOffloaded(without, result.stats));
  });
});
