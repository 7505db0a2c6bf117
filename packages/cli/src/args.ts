/**
 * Command-line parsing for `promscope`: turns argv into a typed command, or a UsageError with one
 * clear message (exit code 2). No side effects.
 */
import type { Dialect, FileKind } from '@promscope/core';

export class UsageError extends Error {}

export const FORMATS = ['text', 'json', 'sarif', 'github', 'checkstyle', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
const KINDS: readonly FileKind[] = ['rules', 'prometheus-rule', 'rule-tests', 'prometheus-config', 'alertmanager-config', 'dashboard', 'promql'];
const DIALECTS: readonly Dialect[] = ['prometheus', 'thanos', 'mimir', 'cortex'];

export interface CheckArgs {
  command: 'check';
  /** paths, globs, or `-` for stdin; empty means `.` unless expressions are given */
  inputs: string[];
  exprs: string[];
  format: Format;
  kind?: FileKind;
  stdinFilename?: string;
  features: string[];
  prometheusVersion?: string;
  dialect?: Dialect;
  config?: string;
  fix: boolean;
  maxWarnings?: number;
  cache: boolean;
  cacheLocation?: string;
  /** worker threads; undefined = decide from the machine and the amount of work */
  jobs?: number;
  color?: boolean;
  outputFile?: string;
  debug: boolean;
  /** print when each phase of the run ended (stderr) */
  timings?: boolean;
}

export type Command = CheckArgs | { command: 'help'; topic?: 'check' } | { command: 'version' };

interface OptSpec {
  takesValue: boolean;
  apply(a: CheckArgs, v: string): void;
}

function intValue(flag: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${flag} needs a whole number${min > 0 ? ` of at least ${min}` : ''}, got "${v}"`);
  return Number(v);
}

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${v}"`);
  return v as T;
}

const CHECK_OPTIONS: Record<string, OptSpec> = {
  '--format': { takesValue: true, apply: (a, v) => (a.format = oneOf('--format', v, FORMATS)) },
  '--kind': { takesValue: true, apply: (a, v) => (a.kind = oneOf('--kind', v, KINDS)) },
  '--expr': { takesValue: true, apply: (a, v) => a.exprs.push(v) },
  '--stdin-filename': { takesValue: true, apply: (a, v) => (a.stdinFilename = v) },
  '--enable-feature': { takesValue: true, apply: (a, v) => a.features.push(...v.split(',').map((s) => s.trim()).filter(Boolean)) },
  '--prometheus-version': {
    takesValue: true,
    apply: (a, v) => {
      if (!/^(2|3)\.\d+(\.\d+)?$/.test(v)) throw new UsageError(`--prometheus-version must look like 3.5 or 2.53, got "${v}"`);
      a.prometheusVersion = v;
    },
  },
  '--dialect': { takesValue: true, apply: (a, v) => (a.dialect = oneOf('--dialect', v, DIALECTS)) },
  '--config': { takesValue: true, apply: (a, v) => (a.config = v) },
  '--fix': { takesValue: false, apply: (a) => (a.fix = true) },
  '--max-warnings': { takesValue: true, apply: (a, v) => (a.maxWarnings = intValue('--max-warnings', v, 0)) },
  '--cache': { takesValue: false, apply: (a) => (a.cache = true) },
  '--cache-location': { takesValue: true, apply: (a, v) => ((a.cacheLocation = v), (a.cache = true)) },
  '--jobs': { takesValue: true, apply: (a, v) => (a.jobs = intValue('--jobs', v, 0)) },
  '--color': { takesValue: false, apply: (a) => (a.color = true) },
  '--no-color': { takesValue: false, apply: (a) => (a.color = false) },
  '--output-file': { takesValue: true, apply: (a, v) => (a.outputFile = v) },
  '--debug': { takesValue: false, apply: (a) => (a.debug = true) },
  '--timings': { takesValue: false, apply: (a) => (a.timings = true) },
};
const ALIASES: Record<string, string> = { '-f': '--format', '-o': '--output-file', '-j': '--jobs' };

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command; try `promscope check .` or `promscope --help`');
  if (first === '--help' || first === '-h') return { command: 'help' };
  if (first === 'help') return { command: 'help', topic: rest[0] === 'check' ? 'check' : undefined };
  if (first === '--version' || first === '-V' || first === 'version') return { command: 'version' };
  if (first !== 'check') throw new UsageError(`unknown command "${first}"; the commands are check, graph, relabel and route (see promscope --help)`);
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help', topic: 'check' };
  const a: CheckArgs = { command: 'check', inputs: [], exprs: [], format: 'text', features: [], fix: false, cache: false, debug: false };
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      a.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = ALIASES[eq > 0 ? arg.slice(0, eq) : arg] ?? (eq > 0 ? arg.slice(0, eq) : arg);
    const spec = CHECK_OPTIONS[name];
    if (!spec) throw new UsageError(`unknown option ${arg}; see \`promscope check --help\``);
    if (!spec.takesValue) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      spec.apply(a, '');
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
    }
    spec.apply(a, value);
  }
  if (a.inputs.filter((x) => x === '-').length > 1) throw new UsageError('stdin (-) can be named only once');
  if (a.fix && a.inputs.includes('-')) throw new UsageError('--fix cannot rewrite stdin; pass file paths');
  if (a.stdinFilename !== undefined && !a.inputs.includes('-') && a.inputs.length === 0) a.inputs.push('-');
  if (a.inputs.length === 0 && a.exprs.length === 0) a.inputs.push('.');
  return a;
}
