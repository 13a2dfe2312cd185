// The test app of offstage/react (see ../react.test.mjs). /isolated is served cross-origin
// isolated (the Atomics transport); the other pages are not (the service worker).
import { fileURLToPath } from 'node:url';

const isolation = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

export default {
  // The repository: the test links it here as node_modules/offstage, as an install would.
  turbopack: { root: fileURLToPath(new URL('../../..', import.meta.url)) },
  async headers() {
    return [
      { source: '/isolated', headers: isolation },
      { source: '/proxied', headers: isolation },
      // A worker's isolation is its own script's.
      { source: '/~offstage/:path*', headers: isolation },
    ];
  },
};
