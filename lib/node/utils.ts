export { copyLibFiles, libDirPath, LIB_FILES, type CopyLibOptions } from './copy-lib.js';
