/**
 * What the offloaded-scripts runtime takes from the worker when it loads: the scripts'
 * window later hides `importScripts`, and `location` becomes the page's.
 */
export const setInterval_: typeof setInterval = self.setInterval.bind(self);
export const fetch_: typeof fetch = self.fetch.bind(self);
export const importScripts: (...urls: string[]) => void = self.importScripts.bind(self);
export const WORKER_URL = location.href;
