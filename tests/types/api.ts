// Compiled (never run) by scripts/build.mjs against the emitted declarations, as a user's
// TypeScript would see them through the package's `exports`. A wrong public type fails the build.
import {
  connect,
  offload,
  OffstageError,
  RemoteObject,
  remoteAccess,
  selectTransport,
  syncApis,
  type Host,
  type ScriptStats,
  type TransportKind,
} from 'offstage';
import { connectMain, type MainThread } from 'offstage/worker';
import {
  fetchSync,
  instantiateWasm,
  sleepSync,
  type SyncResponse,
  type WasmProgram,
} from 'offstage/wasm';

export async function page(): Promise<TransportKind> {
  const host: Host = await connect(() => new Worker('/w.js', { type: 'module' }), {
    handlers: { ...remoteAccess, title: () => document.title, later: async (n: number) => n * 2 },
    timeout: 5_000,
    transport: 'auto',
    serviceWorker: { url: '/~offstage/sw.js', scope: '/~offstage/' },
  });
  host.handle('more', (x: string) => x.length);
  const {
    calls,
    posted,
    lent,
    borrowed,
  }: { calls: number; posted: number; lent: number; borrowed: number } = host.stats();
  void [calls, posted, lent, borrowed];
  const choice = await selectTransport();
  if (choice.kind === 'none') return choice.reason.length > 0 ? 'atomics' : 'service-worker';
  // @ts-expect-error: the transport is read-only
  host.transport = 'atomics';
  return host.transport;
}

export async function offloaded(): Promise<ScriptStats[]> {
  const result = await offload({
    lib: '/~offstage/',
    forward: ['dataLayer.push', ['fbq', { preserveBehavior: true }]],
    loadScriptsOnMainThread: [/x/, 'y'],
    functions: { clipboard: () => navigator.clipboard.readText(), double: (n: number) => n * 2 },
  });
  if (result.where === 'main-thread') return [];
  return result.stats();
}

export async function worker(): Promise<number> {
  const main: MainThread = await connectMain({ proxies: true });
  const title: string = main.call<string>('title');
  main.post('log', title); // returns void
  // @ts-expect-error: call needs a handler name
  main.call();
  try {
    return main.call<number>('later', title.length);
  } catch (error) {
    if (error instanceof OffstageError && error.code === 'timeout') return -1;
    if (error instanceof RemoteObject) return -2;
    throw error;
  }
}

export async function wasm(): Promise<number> {
  const main = await connectMain({ proxies: true });
  void { ...remoteAccess, ...syncApis }; // the page's handlers for this worker
  const program: WasmProgram = await instantiateWasm('/app.wasm', {
    main,
    args: ['app'],
    imports: { env: { now: () => Date.now() } },
  });
  const response: SyncResponse = fetchSync(main, '/data.json', { method: 'POST', body: '{}' });
  sleepSync(main, 10);
  const status: number = response.status;
  const text: string = response.text();
  // @ts-expect-error: instantiateWasm needs the channel
  await instantiateWasm('/app.wasm', {});
  return program.run() + status + text.length + program.handles;
}

// A channel's contract, declared once: the page's handlers type the worker's calls.
const handlers = {
  title: () => document.title,
  double: async (n: number) => n * 2,
};

export async function typedPage(): Promise<void> {
  const host = await connect(() => new Worker('/w.js'), { handlers });
  host.handle('title', () => 'replaced');
  // @ts-expect-error: not a handler of the contract
  host.handle('nope', () => 1);
  // @ts-expect-error: the handler does not match the contract's
  host.handle('double', (s: string) => s);
}

export async function typedWorker(): Promise<number> {
  const main: MainThread<typeof handlers> = await connectMain<typeof handlers>({ proxies: true });
  const title: string = main.call('title');
  const doubled: number = main.call('double', 21); // the Promise's settled value
  main.post('double', 1);
  // @ts-expect-error: not a handler of the contract
  main.call('nope');
  // @ts-expect-error: the argument's type is the handler's
  main.call('double', 'twenty-one');
  // @ts-expect-error: the answer's type is the handler's
  const wrong: string = main.call('double', 1);
  void wrong;
  // A typed channel goes wherever any channel does.
  const response = fetchSync(main, '/data.json');
  return title.length + doubled + response.status;
}
