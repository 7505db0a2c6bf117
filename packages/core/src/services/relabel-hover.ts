/**
 * Hover on a relabelling step of prometheus.yml: the label set before and after the step, on an
 * example target of the job (its address, scheme, path and job name, plus example values for the
 * `__meta_*` labels the job's steps read). Runs the core's relabel engine (Prometheus semantics).
 */
import type { Range } from '../diagnostics/types';
import { formatLabelSet, processRelabel, relabelConfig, type RelabelLabelSet as LabelSet, type RelabelAction } from '../relabel/index';
import { parseYaml } from '../yaml/parse';
import type { YMap, YNode } from '../yaml/types';
import type { HoverResult } from './types';

function get(map: YMap, key: string): YNode | null | undefined {
  return map.pairs.find((p) => p.key.text === key)?.value;
}

function str(n: YNode | null | undefined): string | undefined {
  return n && n.kind === 'scalar' && n.value !== null ? n.text : undefined;
}

function strs(n: YNode | null | undefined): string[] | undefined {
  if (!n) return undefined;
  if (n.kind === 'seq') return n.items.map((i) => str(i) ?? '');
  const s = str(n);
  return s === undefined ? undefined : [s];
}

function inside(r: Range, o: number): boolean {
  return o >= r.start && o <= r.end;
}

function exampleTarget(job: YMap, stepsSources: string[], metric: boolean): LabelSet {
  const labels: LabelSet = {};
  const jobName = str(get(job, 'job_name')) ?? 'job';
  if (metric) {
    labels.__name__ = 'example_metric_total';
    labels.job = jobName;
    labels.instance = 'host.example:9100';
  } else {
    let address = 'host.example:9100';
    const statics = get(job, 'static_configs');
    if (statics?.kind === 'seq' && statics.items[0]?.kind === 'map') address = strs(get(statics.items[0], 'targets'))?.[0] ?? address;
    Object.assign(labels, { __address__: address, __scheme__: str(get(job, 'scheme')) ?? 'http', __metrics_path__: str(get(job, 'metrics_path')) ?? '/metrics', job: jobName });
  }
  for (const l of stepsSources) if (l.startsWith('__meta_') && !(l in labels)) labels[l] = `example-${l.replace(/^__meta_\w+?_/, '')}`;
  return labels;
}

function render(labels: LabelSet): string {
  return '`' + formatLabelSet(labels) + '`';
}

export function relabelHover(text: string, offset: number): HoverResult | undefined {
  const root = parseYaml(text).documents.find((d) => d.root && inside(d.range, offset))?.root;
  if (!root || root.kind !== 'map') return undefined;
  const jobs = get(root, 'scrape_configs');
  if (jobs?.kind !== 'seq') return undefined;
  const job = jobs.items.find((j) => inside(j.range, offset));
  if (!job || job.kind !== 'map') return undefined;
  for (const key of ['relabel_configs', 'metric_relabel_configs']) {
    const steps = get(job, key);
    if (steps?.kind !== 'seq') continue;
    const k = steps.items.findIndex((s) => inside(s.range, offset));
    if (k < 0) continue;
    const configs = steps.items.slice(0, k + 1).map((s) => {
      const m = s.kind === 'map' ? s : undefined;
      const modulus = m ? Number(str(get(m, 'modulus')) ?? 0) : 0;
      return relabelConfig({
        source_labels: m ? strs(get(m, 'source_labels')) : undefined,
        separator: m ? str(get(m, 'separator')) : undefined,
        regex: m ? str(get(m, 'regex')) : undefined,
        modulus: Number.isFinite(modulus) ? modulus : 0,
        target_label: m ? str(get(m, 'target_label')) : undefined,
        replacement: m ? str(get(m, 'replacement')) : undefined,
        action: (m ? str(get(m, 'action')) : undefined) as RelabelAction | undefined,
      });
    });
    const sources = configs.flatMap((c) => c.sourceLabels ?? []);
    const result = processRelabel(exampleTarget(job, sources, key === 'metric_relabel_configs'), configs);
    const step = result.steps[k];
    const parts = [`**Relabel step ${k + 1}** (\`${configs[k].action}\`) on an example ${key === 'metric_relabel_configs' ? 'series' : 'target'} of job \`${str(get(job, 'job_name')) ?? ''}\`:`];
    if (!step) parts.push(`dropped by step ${(result.droppedBy ?? 0) + 1} before reaching this one`);
    else {
      parts.push(`before: ${render(step.before)}`);
      parts.push(step.keep ? `after: ${render(step.after)}` : '**dropped** by this step');
    }
    return { contents: parts.join('\n\n'), range: steps.items[k].range };
  }
  return undefined;
}
