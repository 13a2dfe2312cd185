/** True in the debug builds and in tests; esbuild's `define` makes it `false` in production. */
declare const DEV: boolean;
