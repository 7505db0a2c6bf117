/**
 * The file system as the link checks see it. The core does no I/O: a shell implements this (the
 * CLI over `node:fs`; the language server over its open buffers, then the disk) and hands it in.
 * Paths are absolute and '/'-separated.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { GlobHost } from './go-glob';

export interface FileHost extends GlobHost {
  /** the text of a file (UTF-8), or undefined when it cannot be read (missing, a folder, no permission) */
  readFile(path: string): string | undefined;
}

/** A file that a configuration makes its program read, with the diagnostics found in it. */
export interface LinkedFile {
  /** absolute, '/'-separated */
  path: string;
  text: string;
  diagnostics: Diagnostic[];
}
