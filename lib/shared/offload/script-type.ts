/** The type that marks a script to run offloaded. */
export const OFFLOADED_TYPE = 'text/offstage';
/** Partytown's, taken the same way, so that a Partytown page works unchanged. */
export const PARTYTOWN_TYPE = 'text/partytown';

/** Whether a script of this `type` attribute is classic JavaScript (what a page would run). */
export const isJavaScript = (type: string): boolean =>
  !type || /^(text|application)\/(java|ecma)script$/i.test(type);
