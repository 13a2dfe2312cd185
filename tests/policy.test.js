import { deepEqual, equal, ok } from './helpers/assert.js';
import { addScript, settled } from './helpers/offstage-scripts.js';
import { collected, until } from './helpers/wait.js';

// Per-script policies (issue 15): hostile offloaded scripts try what a policy does not grant;
// the page refuses each with a SecurityError naming the rule, and nothing escapes. The page
// has a widget the policy grants (its subtree, its cookies and storage keys, its host) and
// things it does not (another subtree, a password field, the session cookie, another host).

const key = `policy-${Date.now()}`;
/** The same test server under another host name: a host the policy does not grant. */
const otherHost = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
const other = `${location.protocol}//${otherHost}:${location.port}`;

const reports = {};
window.report = (name, value) => void (reports[name] = value);
window.pageSecret = () => 'the page secret';

let offloaded;
let probes = 0;

/**
 * Runs `body` (an async function's body) as an offloaded script the `widget` policy governs
 * (or the policy `as` names, or none: `as: null`); resolves with what it returned, or the
 * name and message of what it threw.
 */
async function policed(body, { as = 'widget' } = {}) {
  const id = `${as ?? 'free'}-${probes++}`;
  const text = `(async () => { ${body} })().then(
    (value) => report(${JSON.stringify(id)}, { value }),
    (error) => report(${JSON.stringify(id)}, { name: error.name, message: error.message }),
  );`;
  const [state] = await settled([addScript({ id, text })]);
  equal(state, 'done', `the probe ${id} did not run`);
  return until(() => reports[id], 10_000);
}

/** Refusals asserted, by policy: the profiler must have counted as many. */
const refusals = { widget: 0, other: 0 };

/** Asserts a refusal: a SecurityError naming the policy and `rule`. */
function refused(outcome, rule, policy = 'widget') {
  refusals[policy]++;
  equal(outcome.name, 'SecurityError', JSON.stringify(outcome));
  ok(outcome.message.startsWith(`Offstage policy "${policy}"`), outcome.message);
  ok(outcome.message.includes(rule), `${outcome.message} does not name ${rule}`);
}

describe('per-script policies', () => {
  before(async function () {
    this.timeout(30_000);
    document.cookie = 'widget_id=w1; path=/';
    document.cookie = 'session=secret; path=/';
    localStorage.setItem('widget_pref', 'dark');
    localStorage.setItem('secret_token', 't0ken');
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div id="widget-root"><p class="greeting">Hello</p><input id="widget-name" value="ada">
         <input type="password" id="widget-pass" value="widget-pw"><span class="movable">m</span></div>
       <div id="outside"><input type="password" id="pw" value="hunter2"><p id="private">private</p></div>
       <div id="other-root"><p>other</p></div>`,
    );
    const { offload } = await import('/dist/debug/main.js');
    offloaded = await offload({
      lib: '/dist/debug/',
      profile: true,
      policies: [
        {
          name: 'widget',
          scripts: ['#widget-*', /\/policy-widget\.js$/],
          dom: ['#widget-root'],
          cookies: ['widget_*'],
          storage: ['widget_*'],
          calls: ['report'],
          hosts: ['self'],
        },
        { name: 'other', scripts: ['#other-*'], dom: ['#other-root'], calls: ['report'] },
      ],
    });
    equal(offloaded.where, 'worker');
    deepEqual(offloaded.policies, [{ name: 'widget' }, { name: 'other' }]);
  });

  after(() => {
    document.cookie = 'widget_id=; max-age=0; path=/';
    document.cookie = 'session=; max-age=0; path=/';
    localStorage.clear();
  });

  it('what the policy grants reads as on the page', async () => {
    const outcome = await policed(`
      const root = document.getElementById('widget-root');
      return [root.querySelector('.greeting').textContent, root.querySelector('#widget-name').value,
        root.children.length, localStorage.getItem('widget_pref'), localStorage.widget_pref];`);
    const root = document.getElementById('widget-root');
    deepEqual(outcome.value, [
      root.querySelector('.greeting').textContent,
      root.querySelector('#widget-name').value,
      root.children.length,
      localStorage.getItem('widget_pref'),
      localStorage.widget_pref,
    ]);
  });

  it('what the policy grants changes the page', async () => {
    const outcome = await policed(`
      const root = document.getElementById('widget-root');
      root.querySelector('.greeting').textContent = 'Hi';
      const added = document.createElement('b');
      added.className = 'added';
      added.innerHTML = '<i>safe</i> <a href="https://anywhere.example/">a link</a>';
      root.append(added);
      localStorage.setItem('widget_pref', 'light');
      document.cookie = 'widget_seen=1; path=/';
      return 'ok';`);
    deepEqual(outcome, { value: 'ok' });
    equal(document.querySelector('#widget-root .greeting').textContent, 'Hi');
    equal(document.querySelector('#widget-root .added i').textContent, 'safe');
    equal(localStorage.getItem('widget_pref'), 'light');
    ok(document.cookie.includes('widget_seen=1'), document.cookie);
    document.cookie = 'widget_seen=; max-age=0; path=/';
  });

  it('cookies: only those the policy names are seen; others cannot be written', async () => {
    const read = await policed(`return document.cookie;`);
    const granted = document.cookie
      .split('; ')
      .filter((pair) => pair.startsWith('widget_'))
      .join('; ');
    equal(read.value, granted);
    ok(!read.value.includes('session'), read.value);
    refused(await policed(`document.cookie = 'session=stolen; path=/';`), 'cookies: widget_*');
    ok(document.cookie.includes('session=secret'), document.cookie);
  });

  it('storage: keys the policy does not name are as if absent, and cannot be written', async () => {
    const seen = await policed(
      `return [Object.keys(localStorage), 'secret_token' in localStorage, localStorage.length > 0];`,
    );
    ok(!seen.value[0].includes('secret_token'), JSON.stringify(seen.value));
    ok(seen.value[0].includes('widget_pref'), JSON.stringify(seen.value));
    equal(seen.value[1], false);
    refused(await policed(`return localStorage.getItem('secret_token');`), 'storage: widget_*');
    refused(await policed(`return localStorage.secret_token;`), 'storage: widget_*');
    refused(await policed(`localStorage.setItem('secret_token', 'x');`), 'storage: widget_*');
    refused(await policed(`localStorage.removeItem('secret_token');`), 'storage: widget_*');
    refused(await policed(`localStorage.clear();`), 'storage: widget_*');
    equal(localStorage.getItem('secret_token'), 't0ken');
  });

  it('the DOM: nothing outside the granted subtree, and no password field inside it', async () => {
    for (const probe of [
      `return document.getElementById('pw').value;`,
      `return document.querySelector('#outside').innerHTML;`,
      `return document.body;`,
      `return document.getElementById('widget-root').parentNode;`,
      `return [...document.querySelectorAll('p')].map((p) => p.textContent);`,
      `return document.getElementById('widget-root').closest('body');`,
    ])
      refused(await policed(probe), 'dom: #widget-root');
    refused(
      await policed(`return document.querySelector('#widget-root input[type=password]').value;`),
      'hidden: input[type=password]',
    );
    refused(await policed(`document.title = 'owned';`), 'document');
    refused(await policed(`document.write('<p>owned</p>');`), 'document');
    equal(document.querySelector('#pw').value, 'hunter2');
  });

  it('a handle the script holds is refused once the page moves its node out of reach', async () => {
    deepEqual(
      await policed(
        `self.movable = document.querySelector('#widget-root .movable'); return movable.textContent;`,
      ),
      { value: 'm' },
    );
    document.getElementById('outside').append(document.querySelector('#widget-root .movable'));
    refused(await policed(`return movable.textContent;`), 'dom: #widget-root');
    refused(await policed(`movable.textContent = 'owned';`), 'dom: #widget-root');
    equal(document.querySelector('#outside .movable').textContent, 'm');
  });

  it("another policy's scripts reach only their own subtree", async () => {
    deepEqual(
      await policed(`return document.querySelector('#other-root p').textContent;`, { as: 'other' }),
      {
        value: 'other',
      },
    );
    refused(
      await policed(`return document.getElementById('widget-root').textContent;`, { as: 'other' }),
      'dom: #other-root',
      'other',
    );
  });

  it('navigation: location, history and open() are refused', async () => {
    const before = location.href;
    for (const probe of [
      `location.href = '#owned';`,
      `location.hash = 'owned';`,
      `location.assign('/owned');`,
      `history.pushState({}, '', '/owned');`,
      `document.location = '/owned';`,
      `open('/owned');`,
    ])
      refused(await policed(probe), 'navigation: false');
    equal(location.href, before);
  });

  it('no page code runs: Function through constructor chains, handlers from text, markup that runs code', async () => {
    for (const probe of [
      `return document.constructor.constructor('document.body.dataset.escaped = 1')();`,
      `return Object.getPrototypeOf(document.getElementById('widget-root')).constructor.constructor('document.body.dataset.escaped = 2')();`,
      `return document.getElementById('widget-root').constructor.constructor.call(null, 'document.body.dataset.escaped = 3')();`,
      `document.getElementById('widget-root').setAttribute('onclick', 'document.body.dataset.escaped = 4');`,
      `document.getElementById('widget-root').innerHTML += '<img src="data:," onerror="document.body.dataset.escaped = 5">';`,
      `document.getElementById('widget-root').insertAdjacentHTML('beforeend', '<script>document.body.dataset.escaped = 6<\\/script>');`,
      `const a = document.createElement('a'); a.href = 'javascript:document.body.dataset.escaped = 7'; document.getElementById('widget-root').append(a); a.click();`,
      `document.getElementById('widget-root').innerHTML = '<iframe srcdoc="<script>parent.document.body.dataset.escaped = 8<\\/script>"></iframe>';`,
    ])
      refused(await policed(probe), 'code');
    document.getElementById('widget-root').click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    equal(document.body.dataset.escaped, undefined);
  });

  it('no way around the rules: getters reached directly, other realms, inert documents, page functions', async () => {
    for (const [probe, rule] of [
      [
        `return document.__lookupGetter__('cookie').call(document);`,
        'properties are reached by name',
      ],
      [
        `const proto = Object.getPrototypeOf(Object.getPrototypeOf(document));
         return proto.__lookupSetter__('cookie');`,
        'properties are reached by name',
      ],
      [
        `const doc = new DOMParser().parseFromString('<img src="data:," onerror="document.body.dataset.escaped = 1">', 'text/html');
         document.getElementById('widget-root').append(doc.body.firstChild);`,
        'code',
      ],
      [
        `const doc = document.implementation.createHTMLDocument('');
         const s = doc.createElement('script'); s.textContent = 'document.body.dataset.escaped = 2';
         s.type = 'text/javascript';`,
        'scripts run in the worker',
      ],
      [`return pageSecret();`, 'calls: report'],
    ])
      refused(await policed(probe), rule);
    await new Promise((resolve) => setTimeout(resolve, 200));
    equal(document.body.dataset.escaped, undefined);
  });

  it('events from outside the subtree never reach its listeners: no keys typed in the page', async () => {
    deepEqual(
      await policed(`self.typed = [];
        document.addEventListener('keydown', (event) => typed.push(event.key));
        addEventListener('storage', (event) => typed.push(event.key));
        return 'listening';`),
      { value: 'listening' },
    );
    const press = (id, key) =>
      document
        .getElementById(id)
        .dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('pw', 'h');
    press('widget-name', 'a');
    press('pw', 'i');
    dispatchEvent(new StorageEvent('storage', { key: 'secret_token', newValue: 'x' }));
    dispatchEvent(new StorageEvent('storage', { key: 'widget_pref', newValue: 'y' }));
    deepEqual(await policed(`return typed;`), { value: ['a', 'widget_pref'] });
  });

  it('a function a rule governs is never handed back to the page to call on its behalf', async () => {
    const probes = [
      // The platform's setItem itself, called by the page's call/apply/bind or Reflect.
      `const { value } = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(localStorage), 'setItem');
       value.call(localStorage, 'secret_token', 'owned');`,
      `const { value } = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(localStorage), 'setItem');
       Reflect.apply(value, localStorage, ['secret_token', 'owned']);`,
    ];
    for (const probe of probes) {
      const outcome = await policed(probe);
      equal(outcome.name, 'SecurityError', `${probe}: ${JSON.stringify(outcome)}`);
      refusals.widget++;
    }
    equal(localStorage.getItem('secret_token'), 't0ken');
    // Nor does the script put its functions where page code would call them with its data.
    refused(
      await policed(
        `Object.getPrototypeOf(localStorage).setItem = (key, value) => report('heard', [key, value]);`,
      ),
      'page code would call it',
    );
    refused(await policed(`history.pushState = () => {};`), 'page code would call it');
    localStorage.setItem('secret_token', 't0ken');
    equal(reports.heard, undefined);
    if ('credentials' in navigator)
      refused(
        await policed(`return navigator.credentials.get({ password: true });`),
        'CredentialsContainer.get()',
      );
  });

  it('a script the policed script inserts runs in its worker, never on the page', async () => {
    const outcome = await policed(`
      const s = document.createElement('script');
      s.textContent = "self.ranIn = typeof FileReaderSync === 'function' ? 'worker' : 'page'";
      document.getElementById('widget-root').append(s);
      return self.ranIn;`);
    // It ran in the worker (which has FileReaderSync), during the insertion, as on a page…
    deepEqual(outcome, { value: 'worker' });
    // …and not on the page too (its global is shared with the page, as the worker's).
    ok(window.ranIn !== 'page');
    equal(document.querySelector('#widget-root script').type, 'text/offstage');
  });

  it('network: nothing reaches a host the policy does not grant', async function () {
    this.timeout(30_000);
    const to = (via) => `${other}/collect/${key}?via=${via}`;
    for (const probe of [
      `return (await fetch('${to('fetch')}')).status;`,
      `return fetch(new Request('${to('request')}')).then((r) => r.status);`,
      `const x = new XMLHttpRequest(); x.open('GET', '${to('xhr')}'); x.send();`,
      `return navigator.sendBeacon('${to('beacon')}', 'data');`,
      `return fetch('${to('keepalive')}', { method: 'POST', body: 'x', keepalive: true }).then((r) => r.status);`,
      `const img = new Image(); img.src = '${to('image')}'; document.getElementById('widget-root').append(img);`,
      `const img = document.createElement('img'); img.setAttribute('src', '${to('attribute')}'); document.getElementById('widget-root').append(img);`,
      `document.getElementById('widget-root').insertAdjacentHTML('beforeend', '<img src="${to('markup')}">');`,
      `const img = document.createElement('img'); img.setAttribute('srcset', '/a.png 1x, ${to('srcset-attribute')} 2x'); document.getElementById('widget-root').append(img);`,
      `const img = document.createElement('img'); img.srcset = '${to('srcset')} 2x'; document.getElementById('widget-root').append(img);`,
      `document.getElementById('widget-root').insertAdjacentHTML('beforeend', '<img srcset="${to('srcset-markup')} 1x">');`,
      `new WebSocket('${other.replace('http', 'ws')}/ws');`,
      `new EventSource('${to('eventsource')}');`,
      `const s = document.createElement('script'); s.src = '${to('script')}';
       document.getElementById('widget-root').append(s);`,
    ])
      refused(await policed(probe), 'hosts: self');
    // The control: the granted host is reached.
    deepEqual(
      await policed(
        `return (await fetch('/collect/${key}?via=self', { method: 'POST', body: 'x' })).status;`,
      ),
      { value: 200 },
    );
    const hits = await collected(key, 1, { settle: 1000 });
    deepEqual(
      hits.map((hit) => hit.query.via),
      ['self'],
    );
  });

  it('scripts no policy names are not held to one', async () => {
    deepEqual(await policed(`return document.getElementById('pw').value;`, { as: null }), {
      value: 'hunter2',
    });
  });

  it('a policy the page cannot keep is refused at once, naming the fix', async () => {
    const { offload } = await import('/dist/debug/main.js');
    for (const [policies, words] of [
      [[{ name: 'x' }], 'names no scripts'],
      [[{ scripts: ['#x'] }], 'needs a name of its own'],
      [
        [
          { name: 'twice', scripts: ['#a'] },
          { name: 'twice', scripts: ['#b'] },
        ],
        'needs a name of its own',
      ],
      [[{ name: 'bad', scripts: ['#x'], dom: ['#ok', '#ok >'] }], 'cannot parse: "#ok >"'],
    ]) {
      const error = await offload({ lib: '/dist/debug/', policies }).then(
        () => null,
        (e) => e,
      );
      equal(error?.name, 'TypeError', JSON.stringify(policies));
      ok(error.message.includes(words), error.message);
    }
  });

  it('the profiler counts the refusals of each policed script', async () => {
    const stats = await offloaded.stats();
    const widget = stats.filter((s) => s.policy === 'widget');
    ok(widget.length > 0, JSON.stringify(stats.map((s) => s.script)));
    equal(
      widget.reduce((sum, s) => sum + s.denied, 0),
      refusals.widget,
      JSON.stringify(widget.map((s) => [s.script, s.denied])),
    );
    equal(
      stats.filter((s) => s.policy === 'other').reduce((sum, s) => sum + s.denied, 0),
      refusals.other,
    );
    ok(stats.filter((s) => !s.policy).every((s) => s.denied === 0));
  });
});
