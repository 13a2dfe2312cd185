import { Offstage } from 'offstage/react';

export const metadata = { title: 'Offstage in Next' };

// The App Router's root layout: the snippet first in <head>, from a Server Component.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <head>
        <Offstage lib="/~offstage/" />
      </head>
      <body>{children}</body>
    </html>
  );
}
