import { offstageProxy } from 'offstage/proxy';

// offstage/proxy as a Next.js route handler (Node.js runtime). Its hosts are the third
// parties whose scripts the pages offload; here, the test's stand-in, from the environment.
const proxy = offstageProxy({
  hosts: (process.env.THIRD_PARTY_HOSTS || 'cdn.example.com').split(','),
  path: '/api/offstage-proxy',
});

export const dynamic = 'force-dynamic';
export const GET = proxy.fetch;
export const HEAD = proxy.fetch;
export const POST = proxy.fetch;
