import type { Handlers } from '../../shared/channel/handlers.js';
import type { Init, PageMessage } from '../../shared/channel/protocol.js';
import type { OffstageError } from '../../shared/errors.js';
import type { ChannelOptions, MainThread } from './main-thread.js';
import { postToPage } from './original-globals.js';
import { WorkerChannel } from './worker-channel.js';

/**
 * Waits for the page's `connect()` and returns the channel. Call it during the worker's
 * first task (at top level), so that its listener is there when the page's first message
 * arrives. Offstage's messages carry an `offstage` field; its listener consumes them, so the
 * worker's own `message` listeners added after this call never see them.
 */
export function connectChannel<H extends object = Handlers>(
  options: ChannelOptions = {},
): Promise<MainThread<H>> {
  return new Promise((resolve, reject) => {
    // One listener, registered now, before the worker's own: it takes every Offstage message.
    let channel: WorkerChannel | undefined;
    self.addEventListener('message', (event: MessageEvent<Init | PageMessage>) => {
      const message = event.data;
      if (typeof message?.offstage !== 'string') return;
      event.stopImmediatePropagation();
      if (message.offstage !== 'init') return channel?.onPageMessage(message);
      if (channel) return; // one channel per worker
      try {
        channel = new WorkerChannel(message, options);
      } catch (error) {
        const { code, message } = error as OffstageError;
        postToPage({ offstage: 'ready', error: { code, message } });
        return reject(error);
      }
      postToPage({ offstage: 'ready' });
      resolve(channel.main as unknown as MainThread<H>);
    });
  });
}
