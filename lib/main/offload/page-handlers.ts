import { methodAt } from '../../shared/offload/call-path.js';
import {
  OffloadCall,
  type FetchReply,
  type KeepaliveRequest,
  type OffloadHandlers,
} from '../../shared/offload/protocol.js';
import { Access, type AccessHandlers } from '../../shared/proxy/protocol.js';
import { defineElement } from './define-element.js';
import { documentWrite } from './document-write.js';
import type { OffloadOptions } from './offload-options.js';

/**
 * The page's handlers of the offload layer, all but the start-up (see offload.ts): what
 * offloaded scripts ask of the page beyond property access.
 */
export function pageHandlers(
  options: OffloadOptions,
  access: AccessHandlers,
): Omit<OffloadHandlers, OffloadCall.StartUp> {
  return {
    [OffloadCall.Beacon]: beacon(options.resolveSendBeaconRequestParameters),
    [OffloadCall.Error]: (script, cause) =>
      console.error(`Offstage: ${script} failed in the worker: ${cause}`),
    [OffloadCall.Keepalive]: keepalive,
    [OffloadCall.Write]: (script, markup) =>
      documentWrite(script as HTMLScriptElement | null, markup),
    // offstage.callPage('crypto.subtle.digest', …): a page API by its path, its Promise
    // awaited; a method call like any other (the `apply` hook sees it).
    [OffloadCall.CallPath]: (path, args) => access[Access.Method](...methodAt(window, path), args),
    [OffloadCall.DefineElement]: defineElement,
    [OffloadCall.ShareGlobal]: (name, value) => {
      (window as unknown as Record<string, unknown>)[name] = value;
    },
    [OffloadCall.ResolveUrl]: (url, type) =>
      String(options.resolveUrl?.(new URL(url, location.href), location, type) ?? url),
  };
}

/**
 * `navigator.sendBeacon` when the page has `resolveSendBeaconRequestParameters`: sent with a
 * keepalive `fetch` and the options it gives, as Partytown does.
 */
function beacon(parameters: OffloadOptions['resolveSendBeaconRequestParameters']) {
  return (url: string, data?: unknown) => {
    const target = new URL(url, location.href);
    const init = parameters?.(target, location) ?? {};
    fetch(target, {
      method: 'POST',
      body: (data ?? null) as BodyInit | null,
      keepalive: true,
      mode: 'no-cors',
      credentials: 'include',
      ...init,
    }).catch(() => {});
    return true;
  };
}

/**
 * A `fetch(…, { keepalive: true })` from an offloaded script, sent by the page so that it outlives
 * the page.
 */
function keepalive(url: string, request: KeepaliveRequest, reply: FetchReply): void {
  fetch(url, { ...request, keepalive: true })
    .then(async (response) => {
      const body = await response.arrayBuffer();
      reply(null, response.status, response.statusText, [...response.headers], body);
    })
    .catch((error: Error) => reply(`${error.name}: ${error.message}`));
}
