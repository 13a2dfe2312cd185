import { Offstage } from 'offstage/react';

export const metadata = { title: 'Offstage in Next' };

// The App Router's root layout: the snippet first in <head>, from a Server Component. Other
// origins' scripts go through the app's proxy route (app/api/offstage-proxy).
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <head>
        <Offstage
          lib="/~offstage/"
          resolveUrl={(url, location, type) =>
            type === 'script' && url.origin !== location.origin
              ? new URL(`/api/offstage-proxy?url=${encodeURIComponent(url.href)}`, location)
              : undefined
          }
        />
      </head>
      <body>{children}</body>
    </html>
  );
}
