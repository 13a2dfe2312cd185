/**
 * A policy's patterns: `*` stands for any run of characters, everything else is literal
 * (`chat_*`, `https://widget.example/*`, `*.example.com`). A RegExp is used as it is.
 */
export function matches(pattern: string | RegExp, text: string): boolean {
  if (typeof pattern !== 'string') return pattern.test(text);
  const literal = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*')}$`).test(text);
}

/**
 * Whether a policy's `hosts` let a script reach `url` (resolved against `base`): a host
 * pattern (`api.example.com`, `*.example.com`), or `'self'` for the page's own origin.
 * `data:` and `blob:` URLs reach no host: they are allowed.
 */
export function hostAllowed(hosts: readonly string[], url: string, base: string): boolean {
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    return false;
  }
  if (target.protocol === 'data:' || target.protocol === 'blob:') return true;
  if (!/^(https?|wss?):$/.test(target.protocol)) return false;
  const self = new URL(base).host;
  return hosts.some((host) =>
    host === "'self'" || host === 'self' ? target.host === self : matches(host, target.host),
  );
}
