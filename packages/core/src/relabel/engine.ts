/**
 * The relabel engine: applies relabel configs to a label set exactly like Prometheus's
 * `relabel.ProcessBuilder`, and records every step (labels before/after, whether the step dropped
 * the target) for `promscope relabel` and editor hovers.
 */
import { compileRelabelRegexp, expandTemplate, replaceAnchored, type GoRegexp } from './go-regexp';
import { goLower, goStringBytes, goUpper } from './go-string';
import { LabelBuilder, type LabelSet } from './label-builder';
import { isValidLabelName, type NameValidationScheme } from './label-names';
import { md5 } from './md5';
import type { RelabelConfig } from './types';

export interface RelabelStep {
  index: number;
  config: RelabelConfig;
  before: LabelSet;
  after: LabelSet;
  /** false when this step dropped the label set */
  keep: boolean;
}

export interface RelabelResult {
  /** the resulting labels (meaningless when keep is false) */
  labels: LabelSet;
  keep: boolean;
  steps: RelabelStep[];
  /** index of the step that dropped the label set, if any */
  droppedBy?: number;
}

export interface ProcessOptions {
  /** name validation of the job (`metric_name_validation_scheme`; 3.x default utf8) */
  scheme?: NameValidationScheme;
}

/**
 * Applies `configs` in order. Configs must be valid (see validateRelabelConfig); an invalid regex
 * or unknown action makes the step a no-op rather than throwing.
 */
export function processRelabel(labels: LabelSet, configs: RelabelConfig[], opts: ProcessOptions = {}): RelabelResult {
  const scheme = opts.scheme ?? 'utf8';
  const lb = new LabelBuilder(labels);
  const steps: RelabelStep[] = [];
  for (let i = 0; i < configs.length; i++) {
    const before = lb.labels();
    const keep = applyOne(configs[i], lb, scheme);
    const after = keep ? lb.labels() : before;
    steps.push({ index: i, config: configs[i], before, after, keep });
    if (!keep) return { labels: before, keep: false, steps, droppedBy: i };
  }
  return { labels: lb.labels(), keep: true, steps };
}

function applyOne(cfg: RelabelConfig, lb: LabelBuilder, scheme: NameValidationScheme): boolean {
  const compiled = compileRelabelRegexp(cfg.regex);
  if (!compiled.ok) return true;
  const re: GoRegexp = compiled.re;
  const val = (cfg.sourceLabels ?? []).map((n) => lb.get(n)).join(cfg.separator);
  switch (cfg.action) {
    case 'drop':
      return !re.matches(val);
    case 'keep':
      return re.matches(val);
    case 'dropequal':
      return lb.get(cfg.targetLabel) !== val;
    case 'keepequal':
      return lb.get(cfg.targetLabel) === val;
    case 'replace': {
      if (val === '' && cfg.regexIsDefault && !cfg.targetLabel.includes('$') && !cfg.replacement.includes('$')) {
        lb.set(cfg.targetLabel, cfg.replacement);
        return true;
      }
      const m = re.submatchIndex(val);
      if (!m) return true;
      const target = expandTemplate(re, cfg.targetLabel, val, m);
      if (!isValidLabelName(target, scheme)) return true;
      const res = expandTemplate(re, cfg.replacement, val, m);
      if (res === '') lb.delete(target);
      else lb.set(target, res);
      return true;
    }
    case 'lowercase':
      lb.set(cfg.targetLabel, goLower(val));
      return true;
    case 'uppercase':
      lb.set(cfg.targetLabel, goUpper(val));
      return true;
    case 'hashmod': {
      const h = md5(goStringBytes(val));
      let x = 0n;
      for (let k = 8; k < 16; k++) x = (x << 8n) | BigInt(h[k]);
      lb.set(cfg.targetLabel, (cfg.modulus > 0 ? x % BigInt(cfg.modulus) : 0n).toString());
      return true;
    }
    case 'labelmap':
      lb.range((name, value) => {
        if (re.matches(name)) lb.set(replaceAnchored(re, name, cfg.replacement), value);
      });
      return true;
    case 'labeldrop':
      lb.range((name) => {
        if (re.matches(name)) lb.delete(name);
      });
      return true;
    case 'labelkeep':
      lb.range((name) => {
        if (!re.matches(name)) lb.delete(name);
      });
      return true;
    default:
      return true;
  }
}
