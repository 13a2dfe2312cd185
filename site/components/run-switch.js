import { LitElement, css, html, nothing } from 'lit';

/**
 * Links that reload the demo: the tag offloaded or on the main thread, and over the Atomics
 * transport (the cross-origin isolated server, `npm start`'s first port) or the service
 * worker (the plain one, the next port).
 */
export class RunSwitch extends LitElement {
  static properties = { where: { type: String }, transport: { type: String } };

  static styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }
    a {
      padding: 0.3rem 0.6rem;
      border: 1px solid #3367d6;
      border-radius: 4px;
      text-decoration: none;
    }
    a[aria-current] {
      background: #3367d6;
      color: white;
    }
  `;

  link(where, isolated) {
    const url = new URL(location.href);
    url.searchParams.set('where', where);
    const port = Number(url.port || 80);
    const isolatedNow = self.crossOriginIsolated;
    if (isolated !== isolatedNow) url.port = String(isolated ? port - 1 : port + 1);
    return url.href;
  }

  render() {
    const isolated = self.crossOriginIsolated;
    const item = (label, where, iso) =>
      html`<a
        href=${this.link(where, iso)}
        aria-current=${this.where === where && (where === 'main' || isolated === iso) ? 'page' : nothing}
        >${label}</a
      >`;
    return html`
      ${item('offloaded · Atomics', 'worker', true)}
      ${item('offloaded · service worker', 'worker', false)}
      ${item('main thread', 'main', isolated)}
      <span
        >now:
        ${this.where === 'main' ? 'main thread' : `offloaded (${this.transport ?? '…'})`}</span
      >
    `;
  }
}
customElements.define('run-switch', RunSwitch);
