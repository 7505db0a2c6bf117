/**
 * `promscope graph`: the rule dependency graph of a set of rule files (recording rules, alerts,
 * who reads what, cycles, recorded metrics nobody produces), as Graphviz DOT (default) or JSON.
 *
 *   promscope graph rules/                       # DOT on stdout: `| dot -Tsvg > rules.svg`
 *   promscope graph --format json a.yml b.yml
 *
 * Exit codes: 0 printed, 2 usage error or nothing readable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ruleFileViewFromText } from '../../../core/src/checks/model-from-rules';
import { buildRuleGraph } from '../../../core/src/graph/build';
import { graphToDot, graphToJson } from '../../../core/src/graph/render';

export interface GraphCommandIO {
  cwd: string;
  readFile(p: string): string;
  isDirectory(p: string): boolean;
  listDir(p: string): string[];
  stdout(s: string): void;
  stderr(s: string): void;
}

export const nodeGraphIO = (cwd: string): GraphCommandIO => ({
  cwd,
  readFile: (p) => readFileSync(p, 'utf8'),
  isDirectory: (p) => statSync(p).isDirectory(),
  listDir: (p) => readdirSync(p),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});

const USAGE = 'usage: promscope graph [--format dot|json] <rule file or directory>...';
const RULE_FILE = /\.(ya?ml|rules)$/;

export function runGraphCommand(args: string[], io: GraphCommandIO): number {
  let format: 'dot' | 'json' = 'dot';
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'dot' && v !== 'json') {
        io.stderr(`promscope graph: --format must be dot or json\n${USAGE}\n`);
        return 2;
      }
      format = v;
    } else if (a === '-h' || a === '--help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('-')) {
      io.stderr(`promscope graph: unknown flag ${a}\n${USAGE}\n`);
      return 2;
    } else inputs.push(a);
  }
  if (inputs.length === 0) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const files: string[] = [];
  const collect = (abs: string) => {
    if (io.isDirectory(abs)) {
      for (const e of io.listDir(abs).sort()) {
        if (e.startsWith('.') || e === 'node_modules') continue;
        const p = path.join(abs, e);
        if (io.isDirectory(p) || RULE_FILE.test(e)) collect(p);
      }
    } else files.push(abs);
  };
  let problems = 0;
  for (const i of inputs) {
    try {
      collect(path.resolve(io.cwd, i));
    } catch (e) {
      problems++;
      io.stderr(`promscope graph: cannot read ${i}: ${(e as Error).message}\n`);
    }
  }
  const views = [];
  for (const f of files) {
    try {
      const text = io.readFile(f);
      const v = ruleFileViewFromText(path.relative(io.cwd, f) || f, text);
      if (v.groups.length) views.push(v);
    } catch (e) {
      problems++;
      io.stderr(`promscope graph: cannot read ${f}: ${(e as Error).message}\n`);
    }
  }
  if (views.length === 0) {
    io.stderr(`promscope graph: no rule files found${problems ? '' : ` in ${inputs.join(', ')}`}\n`);
    return 2;
  }
  const g = buildRuleGraph(views);
  io.stdout(format === 'dot' ? graphToDot(g) : `${JSON.stringify(graphToJson(g), null, 2)}\n`);
  return 0;
}
