// The demo site's components (Lit), bundled by scripts/build.mjs into dist/site/app.js.
import './components/main-thread-meter.js';
import './components/run-switch.js';
