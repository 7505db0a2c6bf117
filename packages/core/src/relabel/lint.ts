/**
 * promscope's own relabel checks, beyond what Prometheus refuses (warnings and infos, codes
 * `relabel/...`): labels the job's service discovery never produces, `__meta_*` labels where they no
 * longer exist, `$N` references to capture groups the regex does not have, regexes that match
 * everything or are anchored twice, `keep` rules that can never match, `keep`/`drop` on a label an
 * earlier step removed, `labelmap` results that Prometheus drops, and `__address__` rewritten without
 * a port.
 */
import type { Diagnostic, Range } from '../diagnostics/types';
import { catalogueEntries, catalogueFor, catalogueHas, type SDInstance } from '../sd/meta-labels';
import { compileRelabelRegexp, parseTemplate, replaceAnchored, type GoRegexp } from './go-regexp';
import { processRelabel } from './engine';
import type { RelabelConfig, RelabelField } from './types';

/** where the relabel list is applied */
export type RelabelStage = 'target' | 'metric' | 'alert' | 'write' | 'alertmanager';

export interface RelabelLintContext {
  stage: RelabelStage;
  /** the job's service discoveries (target stage); undefined = unknown */
  sd?: SDInstance[];
}

/** labels Prometheus keeps with meaning after target relabeling although they start with `__` */
const meaningfulReserved = new Set(['__address__', '__scheme__', '__metrics_path__', '__scrape_interval__', '__scrape_timeout__', '__name__']);

export function lintRelabelConfigs(configs: RelabelConfig[], ctx: RelabelLintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (cfg: RelabelConfig, field: RelabelField | null, code: string, severity: Diagnostic['severity'], message: string) =>
    out.push({ code, severity, range: rangeOf(cfg, field), message });

  const catalogues = (ctx.stage === 'target' || ctx.stage === 'alertmanager') && ctx.sd && ctx.sd.length > 0 ? ctx.sd.map((s) => ({ sd: s, cat: catalogueFor(s) })) : null;
  const allCatalogued = catalogues !== null && catalogues.every((c) => c.cat !== null);
  /** names an earlier labeldrop/labelkeep removed: name → index of that step */
  const removedBy = (name: string, before: number): number | null => {
    for (let j = before - 1; j >= 0; j--) {
      const c = configs[j];
      if (writes(c, name)) return null;
      const re = compiled(c);
      if (!re) continue;
      if (c.action === 'labeldrop' && re.matches(name)) return j;
      if (c.action === 'labelkeep' && !re.matches(name)) return j;
    }
    return null;
  };

  configs.forEach((cfg, i) => {
    const re = compiled(cfg);
    if (!re) return;
    const sources = cfg.sourceLabels ?? [];
    const neverPresent = new Set<string>();

    for (const name of sources) {
      if (name.startsWith('__meta_')) {
        if (ctx.stage === 'metric') {
          push(cfg, 'source_labels', 'relabel/meta-in-metric-relabel', 'warning', `${name} does not exist in metric_relabel_configs: __meta_* labels are dropped after target relabeling; use it in relabel_configs (copy it to a target label there)`);
          neverPresent.add(name);
        } else if (ctx.stage === 'alert' || ctx.stage === 'write') {
          push(cfg, 'source_labels', 'relabel/meta-in-metric-relabel', 'warning', `${name} does not exist here: alerts and series carry no __meta_* labels`);
          neverPresent.add(name);
        } else if (allCatalogued && catalogues && !catalogues.some((c) => catalogueHas(c.cat!, name)) && !writtenBefore(configs, i, name)) {
          const sdDesc = catalogues.map((c) => describeSD(c.sd)).join(', ');
          const hint = suggest(name, catalogues.flatMap((c) => catalogueEntries(c.cat!)));
          push(cfg, 'source_labels', 'relabel/unknown-source-label', 'warning', `${name} is never set by ${sdDesc}${hint ? `; did you mean ${hint}?` : ''}`);
          neverPresent.add(name);
        }
      } else if (ctx.stage === 'metric' && /^__(address|scheme|metrics_path|param_.*|scrape_.*|tmp.*)$/.test(name) && !writtenBefore(configs, i, name)) {
        push(cfg, 'source_labels', 'relabel/meta-in-metric-relabel', 'warning', `${name} does not exist in metric_relabel_configs: labels starting with __ are removed after target relabeling`);
        neverPresent.add(name);
      } else if ((ctx.stage === 'target' || ctx.stage === 'alertmanager') && name === '__name__') {
        push(cfg, 'source_labels', 'relabel/name-in-target-relabel', 'warning', '__name__ does not exist in relabel_configs (targets have no metric name); use metric_relabel_configs to act on metric names');
        neverPresent.add(name);
      }
      if ((cfg.action === 'keep' || cfg.action === 'drop' || cfg.action === 'keepequal' || cfg.action === 'dropequal') && !neverPresent.has(name)) {
        const j = removedBy(name, i);
        if (j !== null) {
          push(cfg, 'source_labels', 'relabel/label-removed', 'warning', `${name} was removed by step ${j + 1} (${configs[j].action}); this ${cfg.action} always sees an empty value`);
          neverPresent.add(name);
        }
      }
    }

    // keep that can never match: every source label is absent and the regex rejects the empty value
    if (cfg.action === 'keep' && sources.length > 0 && sources.every((s) => neverPresent.has(s))) {
      const joined = sources.map(() => '').join(cfg.separator);
      if (!re.matches(joined)) push(cfg, 'regex', 'relabel/keep-never-matches', 'warning', `this keep can never match: ${sources.join(', ')} ${sources.length > 1 ? 'are' : 'is'} never set here, so every ${targetWord(ctx.stage)} is dropped`);
    }
    if (cfg.action === 'keep' && !cfg.regexIsDefault && matchesNothing(re)) {
      push(cfg, 'regex', 'relabel/keep-never-matches', 'warning', `this keep can never match: the regex ${JSON.stringify(cfg.regex)} matches no value, so every ${targetWord(ctx.stage)} is dropped`);
    }

    // capture groups in templates
    if (cfg.action === 'replace' || cfg.action === 'labelmap') {
      checkTemplate(cfg, 'replacement', re, push);
      if (cfg.action === 'replace') checkTemplate(cfg, 'target_label', re, push);
    }

    // regex shape
    if (!cfg.regexIsDefault) {
      if (/^\^/.test(cfg.regex) || /(^|[^\\])\$$/.test(cfg.regex))
        push(cfg, 'regex', 'relabel/double-anchor', 'info', 'relabel regexes are already anchored at both ends (Prometheus matches ^(?s:…)$); the ^/$ here are redundant');
      if (matchesEverything(re)) {
        if (cfg.action === 'drop') push(cfg, 'regex', 'relabel/regex-matches-all', 'warning', `this drop matches every value: every ${targetWord(ctx.stage)} is dropped`);
        else if (cfg.action === 'labeldrop') push(cfg, 'regex', 'relabel/regex-matches-all', 'warning', 'this labeldrop matches every label name: all labels are removed');
        else if (cfg.action === 'keep' || cfg.action === 'labelkeep') push(cfg, 'regex', 'relabel/regex-matches-all', 'info', `this ${cfg.action} matches everything and has no effect`);
      }
    }

    // labeldrop/labelkeep that remove labels the stage cannot do without
    if (cfg.action === 'labeldrop' || cfg.action === 'labelkeep') {
      const essential: Array<[string, string]> =
        ctx.stage === 'metric' || ctx.stage === 'write'
          ? [['__name__', 'the series loses its metric name']]
          : ctx.stage === 'target' || ctx.stage === 'alertmanager'
            ? [
                ['__address__', 'every target is then refused ("no address")'],
                ['job', 'targets lose their job label'],
              ]
            : [];
      for (const [name, why] of essential) {
        const removes = cfg.action === 'labeldrop' ? re.matches(name) : !re.matches(name);
        if (removes && !matchesEverything(re)) push(cfg, 'regex', 'relabel/drops-core-label', 'warning', `this ${cfg.action} removes ${name}: ${why}`);
      }
    }

    // labelmap to names Prometheus removes
    if (cfg.action === 'labelmap' && (ctx.stage === 'target' || ctx.stage === 'alertmanager')) {
      const produced = probeNames
        .filter((n) => re.matches(n))
        .map((n) => [n, replaceAnchored(re, n, cfg.replacement)])
        .filter(([from, to]) => from !== to)
        .map(([, to]) => to)
        .find((n) => n.startsWith('__') && !meaningfulReserved.has(n) && !n.startsWith('__param_'));
      if (produced)
        push(cfg, 'replacement', 'relabel/labelmap-reserved', 'warning', `this labelmap produces names starting with __ (e.g. ${produced}), which Prometheus removes after relabeling`);
    }

    // __address__ without a port: a literal without one, or built only from labels that hold a bare IP/host
    if ((ctx.stage === 'target' || ctx.stage === 'alertmanager') && cfg.action === 'replace' && cfg.targetLabel === '__address__') {
      const literal = !cfg.replacement.includes('$');
      const bareHostSources = sources.length > 0 && sources.every((s) => bareHostLabel.test(s));
      if (literal || bareHostSources) {
        const probe: Record<string, string> = {};
        for (const s of sources) probe[s] = '10.0.0.2';
        const res = processRelabel(probe, [cfg]);
        const addr = res.labels['__address__'];
        if (addr !== undefined && addr !== '' && !hasPort(addr))
          push(cfg, 'replacement', 'relabel/address-without-port', 'warning', `__address__ is rewritten without a port (e.g. ${JSON.stringify(addr)}): Prometheus 3 then scrapes port 80/443; add :<port>`);
      }
    }
  });
  return out;
}

function rangeOf(cfg: RelabelConfig, field: RelabelField | null): Range {
  return (field && cfg.ranges?.[field]) || cfg.range || { start: 0, end: 0 };
}

function compiled(cfg: RelabelConfig): GoRegexp | null {
  const r = compileRelabelRegexp(cfg.regex);
  return r.ok ? r.re : null;
}

function writes(cfg: RelabelConfig, name: string): boolean {
  if (['replace', 'hashmod', 'lowercase', 'uppercase'].includes(cfg.action) && (cfg.targetLabel === name || cfg.targetLabel.includes('$'))) return true;
  return cfg.action === 'labelmap';
}

function writtenBefore(configs: RelabelConfig[], i: number, name: string): boolean {
  for (let j = 0; j < i; j++) if (writes(configs[j], name)) return true;
  return false;
}

function describeSD(sd: SDInstance): string {
  const key = sd.type === 'static' ? 'static_configs' : `${sd.type}_sd_configs`;
  return sd.role ? `${key} (role: ${sd.role})` : key;
}

function targetWord(stage: RelabelStage): string {
  return stage === 'metric' ? 'series' : stage === 'alert' ? 'alert' : stage === 'write' ? 'series' : 'target';
}

function checkTemplate(
  cfg: RelabelConfig,
  field: 'replacement' | 'target_label',
  re: GoRegexp,
  push: (cfg: RelabelConfig, field: RelabelField | null, code: string, severity: Diagnostic['severity'], message: string) => void,
): void {
  const tpl = field === 'replacement' ? cfg.replacement : cfg.targetLabel;
  const implicit = cfg.ranges?.[field] ? '' : ` (the default ${field})`;
  for (const p of parseTemplate(tpl)) {
    if ('text' in p) continue;
    const written = tpl.slice(p.start, p.end);
    if (p.num >= 0) {
      if (p.num > re.numSubexp)
        push(cfg, field, 'relabel/capture-group', 'warning', `${written} refers to capture group ${p.num}, but the regex has ${re.numSubexp} group${re.numSubexp === 1 ? '' : 's'}: it expands to an empty string${implicit}`);
    } else if (!re.subexpNames.includes(p.name)) {
      const m = /^(\d+)(\w+)$/.exec(p.name);
      const how = m ? ' (Go reads the longest name after $)' : '';
      const fix = m ? `; write \${${m[1]}}${m[2]}` : '';
      push(cfg, field, 'relabel/capture-group', 'warning', `${written} refers to a capture group named "${p.name}"${how}, which the regex does not have: it expands to an empty string${fix}`);
    }
  }
}

const probeNames = ['__meta_kubernetes_pod_label_app', '__meta_consul_service_metadata_team', '__meta_ec2_tag_Name', '__address__', '__tmp_x', 'job'];

/** discovery labels that hold an IP or host name without a port */
const bareHostLabel = /(?:_ip|_ipv4|_ipv6|_hostname|_dns_name|_host_ip|_address_[A-Za-z]+|^__meta_consul_address|^__meta_consul_service_address)$/;

function hasPort(addr: string): boolean {
  return /:\d+$/.test(addr);
}

/** probes, most discriminating first (most regexes fail on the first one) */
function matchesEverything(re: GoRegexp): boolean {
  return ['some-value;with:chars/and\nnewline', '', 'a', '__meta_x', '0'].every((s) => re.matches(s));
}

/** a `^` after the start (e.g. `a^b`) can never match in Prometheus's non-multiline regexes */
function matchesNothing(re: GoRegexp): boolean {
  return /.\^/.test(re.source) && ['', 'a', 'abc', 'value', '0', '10.0.0.1:8080', 'true', 'false'].every((s) => !re.matches(s));
}

/** nearest catalogue entry by edit distance (for "did you mean"); prefix entries keep the name's tail */
function suggest(name: string, entries: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const e of entries) {
    if (!e.endsWith('*')) {
      const d = levenshtein(name, e);
      if (d < bestD) [bestD, best] = [d, e];
      continue;
    }
    const p = e.slice(0, -1);
    for (let k = Math.max(1, p.length - 3); k <= Math.min(name.length - 1, p.length + 3); k++) {
      // prefer splits that end where the prefix ends (at a `_`)
      const d = levenshtein(name.slice(0, k), p) + (name[k - 1] === p[p.length - 1] ? 0 : 0.5);
      if (d < bestD) [bestD, best] = [d, p + name.slice(k)];
    }
  }
  return bestD > 0 && bestD <= 3 ? best : null;
}

export function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
