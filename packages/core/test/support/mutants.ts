/**
 * Differential tests against a Go tool on mutated corpus files (rules/promtool-mutants.test.ts,
 * config/promtool-mutants.test.ts): one random edit of a file the tool accepts, seeded so that a
 * failure can be replayed (MUTANT_SEED, MUTANT_COUNT), the tool run once over all the mutants, and
 * its verdict for each file (loads or not) held against the analyzer's (an error or not).
 * MUTANT_EDITS=2 (or more) makes each mutant several edits in a row.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prng } from './prng';

export const MUTANT_SEED = Number(process.env.MUTANT_SEED ?? 20261128);
export const MUTANT_COUNT = Number(process.env.MUTANT_COUNT ?? 1500);
/** random edits in each mutant (MUTANT_EDITS: a sweep by hand can ask for more) */
export const MUTANT_EDITS = Math.max(1, Number(process.env.MUTANT_EDITS ?? 1));

const INSERTS = [':', ' ', '-', '[', ']', '{', '}', '#', "'", '"', '|', '>', '\n', '\t', '&', '*', '!', '?', ',', '  ', '|-', '"\n', '\\'];

/**
 * One random edit of `text`, and what it was: a character deleted, an indicator, quote, tab or line
 * break inserted, a line repeated, deleted, or shifted by a space.
 */
export function mutate(text: string, rnd: () => number): { text: string; edit: string } {
  const pick = (n: number) => Math.floor(rnd() * n);
  const lines = text.split('\n');
  const i = pick(text.length);
  const k = pick(lines.length);
  switch (pick(6)) {
    case 0:
      return { text: text.slice(0, i) + text.slice(i + 1), edit: `delete offset ${i}` };
    case 1: {
      const s = INSERTS[pick(INSERTS.length)]!;
      return { text: text.slice(0, i) + s + text.slice(i), edit: `insert ${JSON.stringify(s)} at offset ${i}` };
    }
    case 2:
      lines.splice(k, 0, lines[k]!);
      return { text: lines.join('\n'), edit: `repeat line ${k + 1}` };
    case 3:
      lines[k] = ` ${lines[k]}`;
      return { text: lines.join('\n'), edit: `indent line ${k + 1}` };
    case 4:
      lines[k] = lines[k]!.replace(/^ /, '');
      return { text: lines.join('\n'), edit: `unindent line ${k + 1}` };
    default:
      lines.splice(k, 1);
      return { text: lines.join('\n'), edit: `delete line ${k + 1}` };
  }
}

/**
 * Whether a Go tool loads each file, and what it said of it: `args` (`check rules --lint=none`) with
 * the files after them, 500 at a time, its output one stream (a file's FAILED, on stderr, after its
 * Checking, on stdout). promtool writes "Checking <file>" then "  SUCCESS…" or "  FAILED…" on the
 * next line; amtool "Checking '<file>'  SUCCESS" or "…  FAILED: …" on the same line. A file the
 * tool crashes on (amtool 0.25 panics on a null receiver entry) does not load; the files after it
 * are checked by another run.
 */
export function toolVerdicts(tool: string, args: readonly string[], files: readonly string[]): Map<string, { loads: boolean; output: string }> {
  const verdict = new Map<string, { loads: boolean; output: string }>();
  let todo = [...files];
  while (todo.length > 0) {
    const batch = todo.slice(0, 500);
    const output = runTool(tool, args, batch);
    let current: { loads: boolean; output: string } | undefined;
    let last: string | undefined;
    for (const line of output.split('\n')) {
      // (amtool quotes the name; a crash's message follows it on the same line)
      const c = /^Checking (?:'([^']+)'|(\S+))/.exec(line);
      if (c) {
        current = { loads: false, output: '' };
        verdict.set((last = c[1] ?? c[2]!), current);
      }
      if (!current) continue;
      current.output += `${line}\n`;
      if (/^(?:Checking .*\s)?\s*SUCCESS/.test(line)) current.loads = true;
    }
    // a file without a verdict: no SUCCESS, and no FAILED or crash either
    for (const [f, v] of verdict) if (!v.loads && !/FAILED|^panic:|panic: /m.test(v.output)) verdict.delete(f);
    const at = last === undefined ? -1 : batch.indexOf(last);
    // the tool stopped before the end of the batch (a crash): the rest again
    todo = at >= 0 && at < batch.length - 1 ? [...batch.slice(at + 1), ...todo.slice(batch.length)] : todo.slice(batch.length);
  }
  return verdict;
}

function runTool(tool: string, args: readonly string[], files: readonly string[]): string {
  const sh = ['-c', `exec "$0" ${args.map((a) => `'${a}'`).join(' ')} "$@" 2>&1`, tool, ...files];
  try {
    return execFileSync('sh', sh, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    return (e as { stdout?: string }).stdout ?? '';
  }
}

export interface MutantRun {
  mutants: number;
  rejected: number;
  disagreements: string[];
  /** mutants the tool refuses, and promscope accepts, for a known reason (`toolGap`) */
  toolGap: number;
}

/**
 * `count` mutants of `bases` (named by `name`), written to a temporary folder, checked by the tool
 * and by `hasError` (the analyzer's verdict on a text); the disagreements, worded for a reader.
 */
export function runMutants(
  bases: readonly { path: string; text: string }[],
  o: {
    seed: number;
    count: number;
    tool: string;
    args: readonly string[];
    hasError: (text: string, file: string) => string | null;
    /**
     * whether the tool's output says it refuses the file for a reason promscope knowingly makes no
     * error of: the tool is older than the version promscope follows, checks more than the server
     * loads, or depends on the machine it runs on
     */
    toolGap?: (output: string) => boolean;
  },
): MutantRun {
  const rnd = prng(o.seed);
  const dir = mkdtempSync(join(tmpdir(), 'promscope-mutants-'));
  try {
    const mutants = Array.from({ length: o.count }, (_, n) => {
      const base = bases[Math.floor(rnd() * bases.length)]!;
      let m = mutate(base.text, rnd);
      for (let k = 1; k < MUTANT_EDITS; k++) {
        const next = mutate(m.text, rnd);
        m = { text: next.text, edit: `${m.edit}, then ${next.edit}` };
      }
      const file = join(dir, `m${String(n).padStart(4, '0')}.yml`);
      writeFileSync(file, m.text);
      // what the tool reads: the bytes as written (a surrogate pair cut in two is U+FFFD there)
      return { file, base: base.path.replace(/.*\/corpus\//, ''), edit: m.edit, text: readFileSync(file, 'utf8') };
    });
    const verdict = toolVerdicts(o.tool, o.args, mutants.map((m) => m.file));
    const disagreements: string[] = [];
    let rejected = 0;
    let toolGap = 0;
    for (const m of mutants) {
      const v = verdict.get(m.file);
      if (v === undefined) {
        disagreements.push(`${m.base}, ${m.edit}: the tool said nothing of it`);
        continue;
      }
      const loads = v.loads;
      if (!loads) rejected++;
      const error = o.hasError(m.text, m.file);
      if (!loads && error === null && o.toolGap?.(v.output)) toolGap++;
      else if (loads !== (error === null)) disagreements.push(`${m.base}, ${m.edit}: the tool ${loads ? 'loads it' : 'refuses it'}, promscope ${error === null ? 'finds no error' : `says ${error}`}`);
    }
    return { mutants: mutants.length, rejected, disagreements, toolGap };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The files of `all` that the tool accepts as copies in a folder of their own (a copy loses the
 * files it names) and that promscope accepts too: what mutants are made of.
 */
export function acceptedBases(
  all: readonly { path: string; text: string }[],
  o: { tool: string; args: readonly string[]; hasError: (text: string, file: string) => string | null },
): { path: string; text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'promscope-bases-'));
  try {
    const copies = all.map((b, i) => {
      const file = join(dir, `b${i}.yml`);
      writeFileSync(file, b.text);
      return file;
    });
    const verdict = toolVerdicts(o.tool, o.args, copies);
    return all.filter((b, i) => verdict.get(copies[i]!)?.loads === true && o.hasError(b.text, copies[i]!) === null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
