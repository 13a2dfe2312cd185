// The test site of offstage/astro (see ../astro.test.mjs).
import { defineConfig } from 'astro/config';
import offstage from 'offstage/astro';

export default defineConfig({
  integrations: [offstage()],
  // Offline: no telemetry, no font or image fetching.
  devToolbar: { enabled: false },
});
