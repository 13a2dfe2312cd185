import { messages } from './messages.js';

export type ErrorCode =
  | 'timeout'
  | 'unknown-handler'
  | 'no-sync-transport'
  | 'not-controlled'
  | 'uncloneable'
  | 'released-reference'
  | 'transport-failed'
  | 'channel-closed'
  | 'script-load'
  | 'wasm-handle'
  | 'wasm-memory'
  | 'wasm-export';

/** Every error Offstage itself raises. `code` is stable; the message is longer in debug builds. */
export class OffstageError extends Error {
  override name = 'OffstageError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `detail` names the cause (a handler's name, a value's type); the message starts with the
 * code, and debug builds add the fix.
 */
export function offstageError(code: ErrorCode, detail: string): OffstageError {
  return new OffstageError(code, `${code}: ${detail}${DEV ? `. ${messages[code]}` : ''}`);
}
