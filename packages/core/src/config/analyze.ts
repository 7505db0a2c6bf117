/**
 * prometheus.yml analysis: parse → strict decode (decode/) → Prometheus's load-time validation
 * (validate-*.ts, sd/validate.ts, relabel/validate.ts) → promscope's own checks (relabel lint,
 * federation selectors) → the model (model.ts). Pure; never throws.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { SourceFile } from '../files';
import { versionAtLeast, withDefaults, type AnalyzerOptions } from '../options';
import { lintRelabelConfigs } from '../relabel/lint';
import type { NameValidationScheme } from '../relabel/label-names';
import { goQuote } from '../relabel/go-string';
import type { YamlLimits } from '../yaml/limits';
import { isNullV2 } from '../yaml/nodes';
import { parseYaml } from '../yaml/parse';
import { BAD_PATTERN, goGlobPatternError } from '../links/go-glob';
import { isObj } from './common/http-validate';
import { Reporter } from './common/report';
import { Decoder, keyRange, metaOf, type GoObject } from './decode/decode';
import { formatPromDuration } from '../relabel/duration-format';
import { checkFederationParams } from './federation';
import { collectFileReferences } from './file-references';
import { typeErrorHint, unknownFieldHint } from './hints';
import { emptyModel, type PrometheusConfigModel, type ScrapeJob } from './model';
import { configSchema, scrapeConfigsFileSchema } from './schema';
import { checkGlobal, checkGlobalEscaping, type GlobalEffective } from './validate-global';
import { checkScrapeJob, filePattern } from './validate-scrape';
import { checkAlerting, checkOTLP, checkRemoteRead, checkRemoteWrite, checkStorage, checkTracing } from './validate-sections';
import { pushAll } from '../text/arrays';

export interface PrometheusConfigOptions extends Partial<AnalyzerOptions> {
  /** Prometheus started with `--agent`: alerting, rule_files and remote_read are refused */
  agentMode?: boolean;
  /** YAML limits against hostile input (see yaml/limits.ts) */
  yamlLimits?: Partial<YamlLimits>;
}

export interface PrometheusConfigResult {
  diagnostics: Diagnostic[];
  model: PrometheusConfigModel;
}

const patRulePath = /^[^*]*(\*[^/]*)?$/;
/** Prometheus's default --query.lookback-delta */
const LOOKBACK_DELTA_MS = 5 * 60_000;

export function analyzePrometheusConfig(file: SourceFile, options: PrometheusConfigOptions = {}): PrometheusConfigResult {
  try {
    return analyze(file, options);
  } catch (e) {
    return {
      diagnostics: [
        { code: 'config/internal', severity: 'error', range: { start: 0, end: 0 }, message: `internal error while analyzing the config: ${e instanceof Error ? e.message : String(e)}` },
      ],
      model: emptyModel(),
    };
  }
}

/**
 * The YAML of a file strictly decoded against a schema, as Prometheus's loader (yaml.v2) does; an
 * empty document decodes to nothing. Shared by prometheus.yml and `scrape_config_files` files.
 */
function decodeFile(file: SourceFile, schema: Parameters<Decoder['decodeStruct']>[1], labelNames: NameValidationScheme, yamlLimits?: Partial<YamlLimits>) {
  const parsed = parseYaml(file.text, yamlLimits ? { limits: yamlLimits } : {});
  // yaml.v2 (which Prometheus uses) words repeated keys itself; the decoder reports them
  const diagnostics: Diagnostic[] = parsed.diagnostics.filter((d) => d.code !== 'yaml/duplicate-key');
  const model = emptyModel();
  const doc = parsed.documents[0];
  if (!doc || !doc.root || isNullV2(doc.root)) return { diagnostics, model, cfg: undefined };
  const decoder = new Decoder(unknownFieldHint, typeErrorHint, undefined, labelNames);
  const cfg = decoder.decodeStruct(doc.root, schema);
  pushAll(diagnostics, decoder.diagnostics);
  return { diagnostics, model, cfg };
}

/**
 * The label names a `model.LabelSet` or `LabelName` takes as it is decoded (static_configs labels,
 * external labels...): `LabelName.IsValid` of the global scheme, UTF-8 since 3.0, the legacy
 * `[a-zA-Z_][a-zA-Z0-9_]*` before (promtool 2.42: `"0x" is not a valid label name`)
 */
function decodedLabelNames(opts: AnalyzerOptions): NameValidationScheme {
  return versionAtLeast(opts, 3, 0) ? 'utf8' : 'legacy';
}

function analyze(file: SourceFile, options: PrometheusConfigOptions): PrometheusConfigResult {
  const opts = withDefaults(options);
  const { diagnostics, model, cfg } = decodeFile(file, configSchema, decodedLabelNames(opts), options.yamlLimits);
  if (!cfg) return { diagnostics, model };
  const r = new Reporter(diagnostics, (major, minor) => versionAtLeast(opts, major, minor));
  model.fileReferences = collectFileReferences(cfg);
  validateConfig(cfg, r, model, options.agentMode === true, versionAtLeast(opts, 3, 0) ? 'utf8' : 'legacy');
  lint(cfg, model, diagnostics, opts);
  return { diagnostics: byPosition(diagnostics), model };
}

function byPosition(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => [d, i] as const)
    .sort(([a, i], [b, j]) => a.range.start - b.range.start || i - j)
    .map(([d]) => d);
}

function validateConfig(cfg: GoObject, r: Reporter, model: PrometheusConfigModel, agentMode: boolean, defaultScheme: NameValidationScheme): void {
  const g: GlobalEffective = checkGlobal(isObj(cfg.global) ? cfg.global : null, r, defaultScheme);
  model.global = {
    scrapeInterval: g.scrapeInterval,
    scrapeTimeout: g.scrapeTimeout,
    evaluationInterval: g.evaluationInterval,
    externalLabels: g.externalLabels,
    nameValidationScheme: g.scheme,
  };
  const alerting = checkAlerting(cfg.alerting, g.scheme, r);
  model.alertRelabelConfigs = alerting.alertRelabelConfigs;
  model.alertmanagers = alerting.alertmanagers;
  model.remoteWrite = checkRemoteWrite(cfg.remote_write, g.scheme, r);
  checkRemoteRead(cfg.remote_read, r);
  checkStorage(cfg.storage, r);
  checkTracing(cfg.tracing, r);
  checkOTLP(cfg.otlp, g.scheme, r);

  model.ruleFiles = patterns(cfg, 'rule_files', 'invalid rule file path', 'failed retrieving rule files for', r);
  model.scrapeConfigFiles = patterns(cfg, 'scrape_config_files', 'invalid scrape config file path', 'error retrieving scrape config files for', r);

  const jobs = cfg.scrape_configs;
  if (Array.isArray(jobs)) {
    const escErr = jobs.length > 0 ? checkGlobalEscaping(isObj(cfg.global) ? cfg.global : null, g, r) : null;
    const items = metaOf(jobs)?.items ?? [];
    const seen = new Map<string, ScrapeJob>();
    jobs.forEach((j, i) => {
      const node = items[i];
      if (!isObj(j)) {
        if (j === null && node && node.kind === 'scalar' && node.goTag === '!!null') r.push('error', 'config/schema', node.range, 'empty or null scrape config section');
        return;
      }
      const job = checkScrapeJob(j, node?.range ?? { start: 0, end: 0 }, g, escErr, r);
      const first = seen.get(job.name);
      if (first && job.name !== '') {
        r.push('error', 'config/duplicate-job', job.nameRange, `found multiple scrape configs with job name ${goQuote(job.name)}`, {
          notes: [{ message: 'first defined here', range: first.nameRange }],
        });
      } else seen.set(job.name, job);
      model.jobs.push(job);
    });
  }

  if (agentMode) {
    const alerting = isObj(cfg.alerting) ? cfg.alerting : null;
    if (alerting && ((Array.isArray(alerting.alertmanagers) && alerting.alertmanagers.length > 0) || (Array.isArray(alerting.alert_relabel_configs) && alerting.alert_relabel_configs.length > 0)))
      r.errorAt(cfg, 'alerting', 'field alerting is not allowed in agent mode', 'config/agent-mode');
    if (Array.isArray(cfg.rule_files) && cfg.rule_files.length > 0) r.errorAt(cfg, 'rule_files', 'field rule_files is not allowed in agent mode', 'config/agent-mode');
    if (Array.isArray(cfg.remote_read) && cfg.remote_read.length > 0) r.errorAt(cfg, 'remote_read', 'field remote_read is not allowed in agent mode', 'config/agent-mode');
  }
}

/**
 * `rule_files` / `scrape_config_files`: Prometheus's path check (config.go), and Go's glob syntax
 * (`filepath.Glob` fails on a malformed class; Prometheus then refuses to start: rules.ParseFiles,
 * Config.GetScrapeConfigs).
 */
function patterns(cfg: GoObject, field: string, what: string, globFailure: string, r: Reporter) {
  const list = cfg[field];
  if (!Array.isArray(list)) return [];
  const items = metaOf(list)?.items ?? [];
  const out = [];
  for (let i = 0; i < list.length; i++) {
    const p = typeof list[i] === 'string' ? (list[i] as string) : '';
    const range = items[i]?.range ?? { start: 0, end: 0 };
    if (!patRulePath.test(p)) r.push('error', 'config/schema', range, `${what} ${goQuote(p)}`, { notes: [{ message: 'only the last path element may contain a * wildcard' }] });
    else if (goGlobPatternError(p)) r.push('error', 'config/schema', range, `${globFailure} ${goQuote(p)}: ${BAD_PATTERN}`);
    out.push(filePattern(p, range));
  }
  return out;
}

function lint(cfg: GoObject, model: PrometheusConfigModel, out: Diagnostic[], opts: AnalyzerOptions): void {
  const jobs = Array.isArray(cfg.scrape_configs) ? cfg.scrape_configs : [];
  let k = 0;
  for (const j of jobs) {
    if (!isObj(j)) continue;
    const job = model.jobs[k++];
    if (!job) continue;
    const sd = job.serviceDiscovery.map((s) => ({ type: s.type, role: s.role, attachNode: s.attachNode, attachNamespace: s.attachNamespace }));
    out.push(...lintRelabelConfigs(job.relabelConfigs, { stage: 'target', sd }));
    out.push(...lintRelabelConfigs(job.metricRelabelConfigs, { stage: 'metric' }));
    out.push(...checkFederationParams(j, opts));
    if (job.scrapeInterval >= LOOKBACK_DELTA_MS) {
      const at = keyRange(j, 'scrape_interval') ?? (isObj(cfg.global) ? keyRange(cfg.global, 'scrape_interval') : undefined) ?? job.nameRange;
      out.push({
        code: 'config/stale-scrape-interval',
        severity: 'warning',
        range: at,
        message: `scrape interval ${formatPromDuration(job.scrapeInterval)} of job ${goQuote(job.name)} is not below the query lookback delta (5m): between scrapes its series look stale to queries`,
      });
    }
  }
  out.push(...lintRelabelConfigs(model.alertRelabelConfigs, { stage: 'alert' }));
  for (const am of model.alertmanagers) {
    const sd = am.serviceDiscovery.map((s) => ({ type: s.type, role: s.role, attachNode: s.attachNode, attachNamespace: s.attachNamespace }));
    out.push(...lintRelabelConfigs(am.relabelConfigs, { stage: 'alertmanager', sd }));
    out.push(...lintRelabelConfigs(am.alertRelabelConfigs, { stage: 'alert' }));
  }
  for (const rw of model.remoteWrite) out.push(...lintRelabelConfigs(rw.writeRelabelConfigs, { stage: 'write' }));
}

/**
 * A file named by `scrape_config_files`: `scrape_configs:` only, checked like the main file's jobs
 * against the main file's global settings (`global`, from the main file's model).
 */
export function analyzeScrapeConfigFile(
  file: SourceFile,
  options: PrometheusConfigOptions & { global?: PrometheusConfigModel['global'] } = {},
): PrometheusConfigResult {
  const opts = withDefaults(options);
  const { diagnostics, model, cfg } = decodeFile(file, scrapeConfigsFileSchema, decodedLabelNames(opts), options.yamlLimits);
  if (cfg) {
    const r = new Reporter(diagnostics, (major, minor) => versionAtLeast(opts, major, minor));
    const defaults = checkGlobal(null, r, versionAtLeast(opts, 3, 0) ? 'utf8' : 'legacy');
    const g: GlobalEffective = options.global
      ? { ...defaults, scrapeInterval: options.global.scrapeInterval, scrapeTimeout: options.global.scrapeTimeout, scheme: options.global.nameValidationScheme }
      : defaults;
    model.global = options.global ?? model.global;
    const jobs = Array.isArray(cfg.scrape_configs) ? cfg.scrape_configs : [];
    const items = metaOf(jobs)?.items ?? [];
    jobs.forEach((j, i) => {
      if (isObj(j)) model.jobs.push(checkScrapeJob(j, items[i]?.range ?? { start: 0, end: 0 }, g, null, r));
      else if (j === null) r.push('error', 'config/schema', items[i]?.range ?? { start: 0, end: 0 }, 'empty or null scrape config section');
    });
    lint(cfg, model, diagnostics, opts);
  }
  return { diagnostics: byPosition(diagnostics), model };
}
