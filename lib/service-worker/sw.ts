/// <reference lib="webworker" />
import { SyncParam, Wire, type ServiceWorkerMessage } from '../shared/channel/protocol.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * The Offstage service worker. It answers one URL, `<scope>~offstage-sync`: a blocked
 * worker's synchronous XHR for call `i` of channel `c`. The page posts the answer here
 * (it received the request straight from the worker); whichever of the two arrives first
 * waits for the other. Every other request passes through untouched.
 *
 * It only answers its own clients: a channel id is an unguessable UUID known to one page
 * and its worker, bound on first sight to that page's and that worker's client ids, and
 * answers or requests for it from any other client are refused.
 */

interface Channel {
  page?: string;
  worker?: string;
}
const channels = new Map<string, Channel>();
/** Answers that arrived before the worker's request, and requests waiting for an answer. */
const answers = new Map<string, { body: ArrayBuffer; claimed: () => void }>();
const waiting = new Map<string, (body: ArrayBuffer | undefined) => void>();
/** How long an unclaimed answer is kept: a worker that gave up (or died) never claims it. */
const ANSWER_TTL = 60_000;
/**
 * How many unclaimed answers are kept at most, the oldest dropped first: a worker waits for one
 * call at a time, so more means a broken or hostile page filling this worker's memory.
 */
const UNCLAIMED_AT_MOST = 256;
const syncPath = new URL(Wire.SyncPath, self.registration.scope).pathname;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const message = event.data as ServiceWorkerMessage;
  const source = (event.source as Client | null)?.id;
  if (!source || !message || typeof message.channel !== 'string') return;
  const channel = bind(message.channel, 'page', source);
  if (!channel) return;
  if (message.k === 'open') {
    opened.get(message.channel)?.();
    return event.waitUntil(forgetClosedPages());
  }
  if (message.k !== 'answer' || !(message.body instanceof ArrayBuffer)) return;
  const key = `${message.channel}:${message.id}`;
  const resolve = waiting.get(key);
  if (resolve) return resolve(message.body);
  if (answers.size >= UNCLAIMED_AT_MOST) {
    const [oldest, entry] = answers.entries().next().value!;
    answers.delete(oldest);
    entry.claimed();
  }
  // Keep this service worker alive until the request claims the answer, but no longer:
  // a pending event would also hold back the activation of a new version.
  event.waitUntil(
    new Promise<void>((done) => {
      const timer = setTimeout(() => answers.delete(key) && done(), ANSWER_TTL);
      answers.set(key, { body: message.body, claimed: () => (clearTimeout(timer), done()) });
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.pathname !== syncPath || url.origin !== location.origin) return;
  const channelId = url.searchParams.get(SyncParam.Channel) ?? '';
  if (!event.clientId || !bind(channelId, 'worker', event.clientId)) {
    return event.respondWith(new Response('not your channel', { status: 403 }));
  }
  if (url.searchParams.has(SyncParam.Probe)) return event.respondWith(probe(channelId));
  const key = `${channelId}:${url.searchParams.get(SyncParam.Id)}`;
  const timeout = Number(url.searchParams.get(SyncParam.Timeout)) || ANSWER_TTL;
  event.respondWith(answer(key, timeout));
});

/** Drops the channels of pages that are gone (checked whenever a page opens a channel). */
async function forgetClosedPages(): Promise<void> {
  const open = new Set(
    (await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })).map((c) => c.id),
  );
  for (const [id, channel] of channels)
    if (channel.page && !open.has(channel.page)) channels.delete(id);
}

/** Resolvers of probes waiting for their page's `open` message. */
const opened = new Map<string, () => void>();

/**
 * Answers the worker's start-up probe once this very instance has heard from the page
 * (its `open` message may still be on the way). Heard nothing: the page talks to another
 * service worker — an update between the page's registration and the worker's start.
 */
async function probe(channelId: string): Promise<Response> {
  if (!channels.get(channelId)?.page) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      opened.set(channelId, () => (clearTimeout(timer), resolve()));
    });
    opened.delete(channelId);
  }
  if (!channels.get(channelId)?.page)
    return new Response('this service worker never heard from the page', { status: 409 });
  return reply(self.registration.scope);
}

/**
 * Binds the channel's page or worker to a client on first sight; false if another client holds it.
 */
function bind(id: string, role: keyof Channel, client: string): Channel | undefined {
  let channel = channels.get(id);
  if (!channel) channels.set(id, (channel = {}));
  channel[role] ??= client;
  return channel[role] === client ? channel : undefined;
}

async function answer(key: string, timeout: number): Promise<Response> {
  const early = answers.get(key);
  answers.delete(key);
  early?.claimed();
  const body = early ? early.body : await answerFromPage(key, timeout);
  return body ? reply(body) : new Response('timed out', { status: 504 });
}

function answerFromPage(key: string, timeout: number): Promise<ArrayBuffer | undefined> {
  return new Promise((resolve) => {
    const done = (body: ArrayBuffer | undefined) => {
      clearTimeout(timer);
      waiting.delete(key);
      resolve(body);
    };
    const timer = setTimeout(done, timeout);
    waiting.set(key, done);
  });
}

function reply(body: BodyInit): Response {
  return new Response(body, {
    headers: {
      [Wire.AnswerHeader]: '1',
      'cache-control': 'no-store',
      'content-type': 'application/octet-stream',
    },
  });
}
