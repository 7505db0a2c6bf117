/**
 * What a scrape job does to one discovered target, as Prometheus's scrape.PopulateLabels does it:
 * the job's defaults are added (job, __scheme__, __metrics_path__, __scrape_interval__,
 * __scrape_timeout__, __param_*), relabel_configs run, then the target is dropped (a `keep`/`drop`
 * step, or no __address__) or gets `instance` and loses its `__meta_*` labels.
 */
import type { ScrapeJob } from '../config/model';
import { formatPromDuration } from './duration-format';
import { processRelabel, type RelabelResult } from './engine';
import { LabelBuilder, type LabelSet } from './label-builder';

export interface TargetSimulation {
  /** labels after the job's defaults were added, before relabeling */
  discovered: LabelSet;
  relabel: RelabelResult;
  /** the target's labels when it is kept (still holding reserved `__` labels such as __address__) */
  target?: LabelSet;
  /** why Prometheus refuses the target after relabeling (`no address`, ...) */
  error?: string;
}

export function simulateTarget(job: ScrapeJob, input: LabelSet): TargetSimulation {
  const lb = new LabelBuilder(input);
  const defaults: Array<[string, string]> = [
    ['job', job.name],
    ['__scrape_interval__', formatPromDuration(job.scrapeInterval)],
    ['__scrape_timeout__', formatPromDuration(job.scrapeTimeout)],
    ['__metrics_path__', job.metricsPath],
    ['__scheme__', job.scheme],
  ];
  for (const [k, v] of defaults) if (lb.get(k) === '') lb.set(k, v);
  for (const [k, v] of Object.entries(job.params)) if (v.length > 0 && lb.get('__param_' + k) === '') lb.set('__param_' + k, v[0]);
  const discovered = lb.labels();
  const relabel = processRelabel(discovered, job.relabelConfigs, { scheme: job.nameValidationScheme });
  if (!relabel.keep) return { discovered, relabel };
  const out = { ...relabel.labels };
  const addr = out['__address__'] ?? '';
  if (addr === '') return { discovered, relabel, error: 'no address' };
  if (addr.includes('/')) return { discovered, relabel, error: `${JSON.stringify(addr)} is not a valid hostname` };
  for (const k of Object.keys(out)) if (k.startsWith('__meta_')) delete out[k];
  if (!out['instance']) out['instance'] = addr;
  return { discovered, relabel, target: out };
}
