// The test app of offstage-partytown with Next.js's own Partytown support (see
// ../next.test.mjs): `<Script strategy="worker">` needs `nextScriptWorkers` and a package
// named @builder.io/partytown, which the test installs as offstage-partytown. /isolated is
// served cross-origin isolated (the Atomics transport); / is not (the service worker).

const isolation = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

export default {
  experimental: { nextScriptWorkers: true },
  async headers() {
    return [
      { source: '/isolated', headers: isolation },
      // A worker's isolation is its own script's.
      { source: '/_next/static/~partytown/:path*', headers: isolation },
    ];
  },
};
