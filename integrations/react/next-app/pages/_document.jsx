import { Head, Html, Main, NextScript } from 'next/document';
import { Offstage } from 'offstage/react';

// The Pages Router: the snippet in _document's <Head>.
export default function Document() {
  return (
    <Html lang="en">
      <Head>
        <Offstage lib="/~offstage/" />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
