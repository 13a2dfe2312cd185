// The test site of offstage-partytown with the real @astrojs/partytown (see ../astro.test.mjs):
// configured exactly as Partytown's users do; the test installs offstage-partytown as
// @qwik.dev/partytown.
import { defineConfig } from 'astro/config';
import partytown from '@astrojs/partytown';

export default defineConfig({
  integrations: [partytown({ config: { forward: ['dataLayer.push'] } })],
  // Offline: no telemetry, no font or image fetching.
  devToolbar: { enabled: false },
});
