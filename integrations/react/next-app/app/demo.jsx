import { SCRIPT_TYPE } from 'offstage/react';
import Counter from './counter.jsx';

// An offloaded script that reports what it read of the page, and the app's own counter.
const offloaded = `document.body.setAttribute('data-offloaded', document.title + ' | ' + document.querySelector('h1').textContent);`;

export default function Demo({ heading }) {
  return (
    <main>
      <h1>{heading}</h1>
      <Counter />
      <script type={SCRIPT_TYPE} dangerouslySetInnerHTML={{ __html: offloaded }} />
    </main>
  );
}
