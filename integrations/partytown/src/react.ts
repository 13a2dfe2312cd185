import { createElement, type ReactElement } from 'react';
import { partytownSnippet } from './integration.js';
import type { PartytownConfig } from './config.js';

/** `<Partytown … />`'s props: the config (`nonce` also goes on the script itself). */
export type PartytownProps = PartytownConfig;

/**
 * The snippet as an inline `<script>` for the `<head>`, as Partytown's `<Partytown/>`: in
 * server-rendered HTML it runs as the page is parsed; rendered only in the browser, where
 * React does not run an inline script, it adds one that does, once per document. No hooks,
 * so it renders in React Server Components.
 */
export function Partytown(props: PartytownProps = {}): ReactElement {
  const html = partytownSnippet(props);
  if (typeof document !== 'undefined' && !document.querySelector('script[data-partytown]')) {
    const script = document.createElement('script');
    script.dataset.partytown = '';
    if (props.nonce) script.nonce = props.nonce;
    script.textContent = html;
    document.head.append(script);
  }
  return createElement('script', {
    'data-partytown': '',
    nonce: props.nonce,
    // The snippet runs once, as the HTML is parsed; React leaves it alone on the client.
    suppressHydrationWarning: true,
    dangerouslySetInnerHTML: { __html: html },
  });
}
