import Head from 'next/head';
import Script from 'next/script';
import { useEffect, useState } from 'react';

// As Next.js documents it: a third-party script with strategy="worker" (Pages Router only).
export default function Home() {
  const [count, setCount] = useState(0);
  useEffect(() => void (document.body.dataset.appReady = '1'), []);
  return (
    <main>
      <Head>
        <title>Next.js worker scripts</title>
      </Head>
      <h1>Pages Router</h1>
      <button id="count" onClick={() => setCount(count + 1)}>
        {count}
      </button>
      <Script src="/offloaded.js" strategy="worker" />
    </main>
  );
}
