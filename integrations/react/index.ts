import { createElement, type ReactElement } from 'react';
// The package's public entry, as any user of it would import it.
import { offstageSnippet, type SnippetConfig } from 'offstage/integration';

/** `<Offstage … />`'s props: the snippet's config (`nonce` also goes on the script itself). */
export type OffstageProps = SnippetConfig;

/**
 * The snippet as an inline `<script>`, for a page's `<head>`: put it in a Next.js App Router
 * root layout, a Pages Router `_document`, or any server-rendered React page, before the
 * `<script type="text/offstage">` it offloads. It has no hooks and no state, so it renders
 * in React Server Components; functions in its props (`resolveUrl`) are written into the
 * page as their own source (see `offstageSnippet`).
 */
export function Offstage(props: OffstageProps): ReactElement {
  return createElement('script', {
    nonce: props.nonce,
    // The snippet runs once, as the HTML is parsed; React leaves it alone on the client.
    suppressHydrationWarning: true,
    dangerouslySetInnerHTML: { __html: offstageSnippet(props) },
  });
}

export { SCRIPT_TYPE } from 'offstage/integration';
