import { LitElement, css, html } from 'lit';

/**
 * What the main thread feels like right now: frames per second (a requestAnimationFrame
 * loop), long tasks and total blocking time (PerformanceObserver), clicks counted by a
 * button, and the beacons the collector received under `collector`.
 */
export class MainThreadMeter extends LitElement {
  static properties = {
    collector: { type: String },
    fps: { state: true },
    longTasks: { state: true },
    blocking: { state: true },
    clicks: { state: true },
    beacons: { state: true },
  };

  static styles = css`
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.5rem;
      margin: 1rem 0;
    }
    .cell {
      border: 1px solid #ccc;
      border-radius: 6px;
      padding: 0.5rem;
    }
    .value {
      font-size: 1.6rem;
      font-variant-numeric: tabular-nums;
    }
    .bad {
      color: #b00020;
    }
    .track {
      grid-column: 1 / -1;
      overflow: hidden;
    }
    .box {
      width: 2rem;
      height: 2rem;
      background: #3367d6;
      border-radius: 4px;
    }
    button {
      font: inherit;
    }
  `;

  constructor() {
    super();
    this.fps = 0;
    this.longTasks = 0;
    this.blocking = 0;
    this.clicks = 0;
    this.beacons = 0;
    this.position = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    let frames = 0;
    let since = performance.now();
    const frame = (now) => {
      frames++;
      this.position = (this.position + 3) % 400;
      const box = this.renderRoot?.querySelector('.box');
      if (box) box.style.transform = `translateX(${this.position}px)`;
      if (now - since >= 1000) {
        this.fps = Math.round((frames * 1000) / (now - since));
        frames = 0;
        since = now;
      }
      this.frame = requestAnimationFrame(frame);
    };
    this.frame = requestAnimationFrame(frame);
    try {
      this.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          this.longTasks++;
          this.blocking += Math.max(0, entry.duration - 50);
        }
      });
      this.observer.observe({ type: 'longtask', buffered: true });
    } catch {
      // No Long Tasks API (Firefox, Safari): the frame rate still tells.
    }
    this.poll = setInterval(async () => {
      if (!this.collector) return;
      this.beacons = (await (await fetch(`/collected/${this.collector}`)).json()).length;
    }, 1000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    clearInterval(this.poll);
  }

  render() {
    return html`
      <div class="cell track">
        <div class="box"></div>
        an animation driven by the main thread: it stutters when the main thread is busy
      </div>
      <div class="cell">
        <div class="value ${this.fps < 30 ? 'bad' : ''}">${this.fps}</div>
        frames per second
      </div>
      <div class="cell">
        <div class="value ${this.longTasks ? 'bad' : ''}">${this.longTasks}</div>
        long tasks
      </div>
      <div class="cell">
        <div class="value">${Math.round(this.blocking)} ms</div>
        total blocking time
      </div>
      <div class="cell">
        <button @click=${() => this.clicks++}>click me</button>
        <div class="value">${this.clicks}</div>
        clicks handled
      </div>
      <div class="cell">
        <div class="value">${this.beacons}</div>
        beacons received
      </div>
    `;
  }
}
customElements.define('main-thread-meter', MainThreadMeter);
