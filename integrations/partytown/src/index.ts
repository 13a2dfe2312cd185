/** This package's version (Offstage's Partytown-compatible package, not Partytown's). */
export const version: string = PACKAGE_VERSION;
