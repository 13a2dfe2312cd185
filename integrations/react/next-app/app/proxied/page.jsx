import { SCRIPT_TYPE } from 'offstage/react';
import Counter from '../counter.jsx';

// A third party's script, from an origin that sends no CORS or CORP headers: on this
// cross-origin isolated page the worker could not load it, so the root layout's resolveUrl
// sends it through the app's own proxy route.
export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>Proxied</h1>
      <Counter />
      <script type={SCRIPT_TYPE} src={process.env.THIRD_PARTY_SCRIPT} />
    </main>
  );
}
