// The same worker, served from outside the service worker's scope.
import '/tests/fixtures/channel-worker.js';
