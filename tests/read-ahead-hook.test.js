import { offload } from '/dist/debug/main.js';
import { deepEqual } from './helpers/assert.js';
import { addScript, reporting, settled } from './helpers/offstage-scripts.js';

// With a `get` hook (Partytown's, run on the page), the hook sees every read the script
// makes, as Partytown's does: nothing read is kept for the script's next reads, and a read
// of one of a group brings nothing else along.
describe('read-ahead: a get hook sees every read', () => {
  const reports = reporting();
  const seen = [];
  before(async () => {
    await offload({
      lib: '/dist/debug/',
      get: ({ name, instance, continue: go }) => {
        if (instance === document && (name === 'title' || name === 'referrer')) seen.push(name);
        return go;
      },
    });
  });

  it('reads each time', async () => {
    const code = `report('values', [document.title, document.title, document.referrer, document.title]);`;
    deepEqual(await settled([addScript({ text: code })]), ['done']);
    deepEqual(reports.values, [document.title, document.title, document.referrer, document.title]);
    deepEqual(seen, ['title', 'title', 'referrer', 'title']);
  });
});
