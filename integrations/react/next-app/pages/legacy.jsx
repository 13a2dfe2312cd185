import Head from 'next/head';
import { SCRIPT_TYPE } from 'offstage/react';
import Counter from '../app/counter.jsx';

const offloaded = `document.body.setAttribute('data-offloaded', document.title + ' | ' + document.querySelector('h1').textContent);`;

export default function Legacy() {
  return (
    <main>
      <Head>
        <title>Offstage in Next</title>
      </Head>
      <h1>Pages Router</h1>
      <Counter />
      <script type={SCRIPT_TYPE} dangerouslySetInnerHTML={{ __html: offloaded }} />
    </main>
  );
}
