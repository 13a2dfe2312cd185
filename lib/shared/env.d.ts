/** True in the debug builds and in tests; esbuild's `define` makes it `false` in production. */
declare const DEV: boolean;
/** The page snippet's minified source (dist/offstage.js), put in by the build. */
declare const OFFSTAGE_SNIPPET: string;
