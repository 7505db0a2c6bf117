/** What every output format receives: the findings of a run and a few counts. */
import type { Finding } from '../findings';

export interface Report {
  findings: Finding[];
  /** files analysed (excluding files of an unknown kind) */
  filesChecked: number;
  /** files `--fix` rewrote */
  filesFixed: number;
  /** every file that was analysed, in order (for formats that list passing files) */
  files: string[];
  /** the working folder (absolute), for formats that need a base URI */
  cwd: string;
  version: string;
}

export interface FormatOptions {
  color: boolean;
}
