/** This package's version, put in by the build from its package.json. */
declare const PACKAGE_VERSION: string;
