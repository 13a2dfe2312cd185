import { trustedScriptUrl } from '../../shared/trusted-types.js';

/**
 * What the offloaded-scripts runtime takes from the worker when it loads: the scripts'
 * window later hides `importScripts`, and `location` becomes the page's.
 */
export const setInterval_: typeof setInterval = self.setInterval.bind(self);
export const fetch_: typeof fetch = self.fetch.bind(self);
const importScripts_ = self.importScripts.bind(self);
/** `importScripts` of Offstage's own URLs (its files, scripts' sources): through its policy. */
export const importScripts = (...urls: string[]): void =>
  importScripts_(...urls.map(trustedScriptUrl));
export const WORKER_URL = location.href;
