import { offload } from '/dist/debug/main.js';
import { deepEqual } from './helpers/assert.js';
import { addScript, reporting, settled } from './helpers/offstage-scripts.js';

// Without hooks, a storage area's items come to the worker in one answer and getItem is
// answered there. With an apply hook (Partytown's, on the page), the hook must see each
// getItem and may answer it: no items are sent ahead to answer it without the hook.
describe('storage: an apply hook sees every getItem', () => {
  const reports = reporting();
  const seen = [];
  before(async () => {
    localStorage.setItem('apply-hook-a', 'stored');
    await offload({
      lib: '/dist/debug/',
      apply: ({ name, args, continue: go }) => {
        if (name !== 'localStorage.getItem') return go;
        seen.push(args[0]);
        return args[0] === 'apply-hook-b' ? 'from the hook' : go;
      },
    });
  });
  after(() => localStorage.removeItem('apply-hook-a'));

  it("calls the hook for each, and the script gets the hook's answer", async () => {
    const code = `report('values', [
      localStorage.getItem('apply-hook-a'),
      localStorage.getItem('apply-hook-b'),
      localStorage.getItem('apply-hook-a'),
    ]);`;
    deepEqual(await settled([addScript({ text: code })]), ['done']);
    deepEqual(reports.values, ['stored', 'from the hook', 'stored']);
    deepEqual(seen, ['apply-hook-a', 'apply-hook-b', 'apply-hook-a']);
  });
});
