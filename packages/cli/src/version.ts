/** The promscope version, from the CLI's package.json (bundled in at build time). */
import pkg from '../package.json';

export const VERSION: string = (pkg as { version: string }).version;
