/**
 * `promscope relabel`: applies a scrape job's relabel_configs to a label set offline and prints
 * each step (labels before → after, which step dropped the target), then the target's labels as
 * Prometheus would show them.
 *
 *   promscope relabel --config prometheus.yml --job kubernetes-pods \
 *     --labels '{__address__="10.0.0.7:8080", __meta_kubernetes_pod_annotation_prometheus_io_scrape="true"}'
 *   promscope relabel --config prometheus.yml --job node __address__=node-1:9100
 *   promscope relabel --config prometheus.yml --job node --metric --labels '{__name__="go_gc_duration_seconds"}'
 *   promscope relabel --config prometheus.yml --job blackbox     (no labels: each static target of the job)
 *
 * `--metric` runs the job's metric_relabel_configs instead (on a series' labels).
 * Load errors of the config are printed to stderr (the rules are still applied).
 * Exit codes: 0 kept, 1 dropped (or refused by Prometheus after relabeling: no address, ...),
 * 2 usage error, unreadable file or unknown job.
 */
import { LineIndex, type Diagnostic } from '@promscope/core';
import { walkFlags } from './flags';
import { analyzePrometheusConfig } from '../../../core/src/config/index';
import { formatLabelSet, parseLabelSetLiteral, processRelabel, simulateTarget, type RelabelLabelSet as LabelSet, type RelabelConfig, type RelabelStep } from '../../../core/src/relabel/index';

export interface RelabelCommandIO {
  readFile(p: string): string;
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `usage: promscope relabel --config <prometheus.yml> --job <job_name> [--metric] [--labels '{name="value", ...}'] [name=value ...]`;

interface Args {
  config?: string;
  job?: string;
  metric: boolean;
  labels: string[];
}

function parseArgs(args: string[]): Args | string {
  const out: Args = { metric: false, labels: [] };
  const common = walkFlags(args, (flag, value) => {
    switch (flag) {
      case '--job':
      case '-j':
        out.job = value();
        return out.job === undefined ? `${flag} needs a job name` : true;
      case '--labels':
      case '-l': {
        const v = value();
        if (v === undefined) return `${flag} needs a label set`;
        out.labels.push(v);
        return true;
      }
      case '--metric':
        out.metric = true;
        return true;
      default:
        return false;
    }
  });
  if (typeof common === 'string') return common;
  out.config = common.config;
  out.labels.push(...common.positionals);
  if (!out.config) return 'missing --config';
  if (out.job === undefined) return 'missing --job';
  return out;
}

export function runRelabelCommand(args: string[], io: RelabelCommandIO): number {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    if (parsed === 'help') {
      io.stdout(USAGE + '\n');
      return 0;
    }
    io.stderr(`promscope relabel: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const input: LabelSet = {};
  for (const l of parsed.labels) {
    const p = parseLabelSetLiteral(l);
    if (!p.ok) {
      io.stderr(`promscope relabel: invalid label set ${JSON.stringify(l)}: ${p.error}\n`);
      return 2;
    }
    Object.assign(input, p.labels);
  }
  let text: string;
  try {
    text = io.readFile(parsed.config!);
  } catch (e) {
    io.stderr(`promscope relabel: cannot read ${parsed.config}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const file = parsed.config!;
  const lines = new LineIndex(text);
  const where = (offset: number) => {
    const p = lines.positionAt(offset);
    return `${file}:${p.line + 1}:${p.character + 1}`;
  };
  const res = analyzePrometheusConfig({ path: file, text });
  const errors = res.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  for (const e of errors) io.stderr(`${where(e.range.start)}: error: ${e.message} [${e.code}]\n`);
  const job = res.model.jobs.find((j) => j.name === parsed.job);
  if (!job) {
    const names = res.model.jobs.map((j) => j.name).filter((n) => n !== '');
    io.stderr(`promscope relabel: no scrape job named ${JSON.stringify(parsed.job)} in ${file}${names.length ? ` (jobs: ${names.join(', ')})` : ''}\n`);
    return 2;
  }
  if (errors.length) io.stderr('note: Prometheus refuses to load this config; showing what the relabel rules would do anyway\n');

  const configs = parsed.metric ? job.metricRelabelConfigs : job.relabelConfigs;
  const listName = parsed.metric ? 'metric_relabel_configs' : 'relabel_configs';
  io.stdout(`job ${JSON.stringify(job.name)} (${where(job.nameRange.start)}): ${configs.length} ${listName} step${configs.length === 1 ? '' : 's'}\n`);

  if (parsed.metric) {
    const r = processRelabel(input, configs, { scheme: job.nameValidationScheme });
    io.stdout(`input:  ${formatLabelSet(r.steps[0]?.before ?? input)}\n`);
    printSteps(r.steps, where, io);
    if (!r.keep) {
      io.stdout(`result: series dropped by step ${r.droppedBy! + 1}\n`);
      return 1;
    }
    io.stdout(`result: ${formatLabelSet(r.labels)}\n`);
    return 0;
  }

  if (parsed.labels.length === 0) {
    const groups = job.staticConfigs.flatMap((g) => g.targets.map((target) => ({ ...g.labels, __address__: target })));
    if (groups.length === 0) {
      io.stderr(`promscope relabel: job ${JSON.stringify(job.name)} has no static targets; give the discovered labels with --labels\n`);
      return 2;
    }
    let worst = 0;
    for (const labels of groups) {
      io.stdout('\n');
      worst = Math.max(worst, simulate(job, labels, where, io));
    }
    return worst;
  }
  return simulate(job, input, where, io);
}

function simulate(job: Parameters<typeof simulateTarget>[0], input: LabelSet, where: (o: number) => string, io: RelabelCommandIO): number {
  const sim = simulateTarget(job, input);
  io.stdout(`input:  ${formatLabelSet(sim.discovered)}  (with the job's defaults)\n`);
  printSteps(sim.relabel.steps, where, io);
  if (!sim.relabel.keep) {
    io.stdout(`result: target dropped by step ${sim.relabel.droppedBy! + 1}\n`);
    return 1;
  }
  if (sim.error) {
    io.stdout(`result: target refused after relabeling: ${sim.error}\n`);
    return 1;
  }
  const visible = Object.fromEntries(Object.entries(sim.target!).filter(([k]) => !k.startsWith('__')));
  io.stdout(`result: scrape ${sim.target!['__scheme__']}://${sim.target!['__address__']}${sim.target!['__metrics_path__']}${paramsOf(sim.target!)}\n`);
  io.stdout(`target labels: ${formatLabelSet(visible)}\n`);
  return 0;
}

function paramsOf(t: LabelSet): string {
  const ps = Object.keys(t)
    .filter((k) => k.startsWith('__param_'))
    .sort()
    .map((k) => `${encodeURIComponent(k.slice(8))}=${encodeURIComponent(t[k])}`);
  return ps.length ? '?' + ps.join('&') : '';
}

function printSteps(steps: RelabelStep[], where: (o: number) => string, io: RelabelCommandIO): void {
  for (const s of steps) {
    const loc = s.config.range ? `  (${where(s.config.range.start)})` : '';
    io.stdout(`step ${s.index + 1}: ${describeConfig(s.config)}${loc}\n`);
    if (!s.keep) {
      io.stdout(`  dropped: ${dropReason(s)}\n`);
      continue;
    }
    const changes = diff(s.before, s.after);
    if (changes.length === 0) io.stdout('  (no change)\n');
    for (const c of changes) io.stdout(`  ${c}\n`);
  }
}

function describeConfig(c: RelabelConfig): string {
  const parts = [c.action || '(empty action)'];
  if (c.sourceLabels) parts.push(`source_labels=[${c.sourceLabels.join(', ')}]`);
  if (!c.regexIsDefault) parts.push(`regex=${JSON.stringify(c.regex)}`);
  if (c.targetLabel) parts.push(`target_label=${c.targetLabel}`);
  if (c.action === 'replace' || c.action === 'labelmap') parts.push(`replacement=${JSON.stringify(c.replacement)}`);
  if (c.action === 'hashmod') parts.push(`modulus=${c.modulus}`);
  return parts.join(' ');
}

function dropReason(s: RelabelStep): string {
  const c = s.config;
  const val = (c.sourceLabels ?? []).map((n) => s.before[n] ?? '').join(c.separator);
  switch (c.action) {
    case 'keep':
      return `${JSON.stringify(val)} does not match ${JSON.stringify(c.regex)}`;
    case 'drop':
      return `${JSON.stringify(val)} matches ${JSON.stringify(c.regex)}`;
    case 'keepequal':
      return `${JSON.stringify(val)} differs from ${c.targetLabel}=${JSON.stringify(s.before[c.targetLabel] ?? '')}`;
    case 'dropequal':
      return `${JSON.stringify(val)} equals ${c.targetLabel}`;
    default:
      return 'dropped';
  }
}

function diff(before: LabelSet, after: LabelSet): string[] {
  const out: string[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const n of names) {
    const a = before[n];
    const b = after[n];
    if (a === b) continue;
    if (a === undefined) out.push(`+ ${n}=${JSON.stringify(b)}`);
    else if (b === undefined) out.push(`- ${n}=${JSON.stringify(a)}`);
    else out.push(`~ ${n}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  }
  return out;
}
