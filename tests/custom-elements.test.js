import { deepEqual, equal } from './helpers/assert.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';
import { until } from './helpers/wait.js';

// Custom elements whose class an offloaded script defines: constructor (with a shadow root),
// connectedCallback, disconnectedCallback, attributeChangedCallback, the class's own methods
// and accessors on the element, `new Class()`. The oracle: the same code as a page script
// (each defines its own element name: both share the page's registry).
describe('custom elements defined by offloaded scripts', () => {
  const reports = reporting();
  const code = (name) => `(function () {
    var log = [];
    class Counter extends HTMLElement {
      static get observedAttributes() { return ['count']; }
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).innerHTML = '<b>none</b>';
        log.push('constructed');
      }
      connectedCallback() { log.push('connected ' + this.isConnected); }
      disconnectedCallback() { log.push('disconnected'); }
      attributeChangedCallback(attribute, old, value) {
        log.push('attribute ' + attribute + ' ' + old + ' ' + value);
        this.render();
      }
      render() { this.shadowRoot.querySelector('b').textContent = this.getAttribute('count'); }
      get count() { return Number(this.getAttribute('count')); }
    }
    customElements.define('${name}', Counter);
    var el = document.createElement('${name}');
    el.setAttribute('count', '3');
    document.body.appendChild(el);
    var made = new Counter();
    document.body.appendChild(made);
    setTimeout(function () {
      log.push('count ' + el.count, 'shadow ' + el.shadowRoot.querySelector('b').textContent);
      log.push('made ' + made.localName + ' ' + (made.shadowRoot !== null));
      log.push('instanceof ' + (el instanceof Counter) + ' ' + (made instanceof Counter) + ' ' + (el instanceof HTMLElement));
      log.push('prototype ' + (Object.getPrototypeOf(el) === Counter.prototype));
      el.remove();
      made.remove();
      setTimeout(function () { report('${name}', log); }, 300);
    }, 300);
  })();`;

  it('run as they do when a page script defines them', async function () {
    this.timeout(30_000);
    const script = document.createElement('script');
    script.text = code('counter-on-page');
    document.body.append(script);
    equal(await runOffloaded(code('counter-offloaded')), 'done');
    const onPage = await until(() => reports['counter-on-page'], 5000);
    const offloaded = await until(() => reports['counter-offloaded'], 10_000);
    equal(onPage?.[0], 'constructed', `the page script ran: ${JSON.stringify(onPage)}`);
    const same = (log, name) => log?.map((line) => line.replace(name, 'NAME'));
    // Under the service worker, the reactions a call causes run after it returns (the page
    // cannot wait for the worker): the same lines, in another order.
    const order = self.crossOriginIsolated ? (log) => log : (log) => log?.slice().sort();
    deepEqual(
      order(same(offloaded, 'counter-offloaded')),
      order(same(onPage, 'counter-on-page')),
      `page: ${JSON.stringify(onPage)}`,
    );
  });
});
