/**
 * alertmanager.yml as Alertmanager loads it (`config.Load`): strict decoding, the global block,
 * receivers and their integrations, the routing tree, inhibit rules, time intervals and
 * templates, in the order config/config.go checks them. Every problem Alertmanager refuses to
 * load with is an `error` with its wording; the traps it accepts are warnings. Builds the
 * {@link AlertmanagerModel} for the route engine and the workspace pass.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { SourceFile } from '../files';
import type { AnalyzerOptions } from '../options';
import type { YamlLimits } from '../yaml/limits';
import { isNullV2 } from '../yaml/nodes';
import { parseYaml } from '../yaml/parse';
import { decode, fList, fMap, fObj, fStr, report, SCHEMA_CODE, structHead, type DecodeContext, type DObj } from './decode';
import { buildInhibitRule } from './inhibit';
import { checkGlobal, checkIntegration } from './integrations';
import type { MatcherParserMode } from './matchers';
import type { AlertmanagerModel, AlertmanagerReceiver, TemplateRef } from './model';
import { buildRoute, checkRootRoute, ROOT_DEFAULTS, walkRoutes } from './routes';
import { CONFIG, INTEGRATIONS } from './schema';
import { checkIntegrationTemplates, checkTemplateRefs, templatedURLError } from './templates';
import { checkTimeIntervals } from './time-intervals';
import { shadowedRoutes, unusedReceivers, webhookTargetWarning } from './traps';

export interface AlertmanagerOptions {
  /**
   * Alertmanager's matchers parser: `fallback` (default of a running Alertmanager), `utf8`
   * (`--enable-feature=utf8-strict-mode`) or `classic` (`--enable-feature=classic-mode`).
   */
  matcherParser?: MatcherParserMode;
  /** YAML limits against hostile input (see yaml/limits.ts) */
  yamlLimits?: Partial<YamlLimits>;
}

export interface AlertmanagerConfigResult {
  diagnostics: Diagnostic[];
  model: AlertmanagerModel;
}

function emptyModel(): AlertmanagerModel {
  return { route: null, receivers: [], inhibitRules: [], templates: [], timeIntervals: [], templateRefs: [] };
}

export function analyzeAlertmanagerConfig(file: SourceFile, options: Partial<AnalyzerOptions> & AlertmanagerOptions = {}): AlertmanagerConfigResult {
  const mode = options.matcherParser ?? 'fallback';
  const parsed = parseYaml(file.text, options.yamlLimits ? { limits: options.yamlLimits } : {});
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const ctx: DecodeContext = { diagnostics, templateError: templatedURLError };
  const model = emptyModel();
  const doc = parsed.documents[0];
  const root = doc?.root;
  if (!root || isNullV2(root)) {
    if (!parsed.diagnostics.some((d) => d.severity === 'error')) report(ctx, { start: 0, end: Math.min(file.text.length, lineEnd(file.text)) }, 'no route provided in config');
    return { diagnostics, model };
  }
  const config = decode(root, CONFIG, ctx);
  if (!config || typeof config !== 'object' || config.kind !== 'obj') return { diagnostics, model };

  const global = fObj(config, 'global');
  if (global) checkGlobal(global, ctx);

  const templateRefs: TemplateRef[] = [];
  const names = new Set<string>();
  for (const it of fList(config, 'receivers')?.items ?? []) {
    const rcv = asObj(it.value);
    if (!rcv) continue;
    const receiver = checkReceiver(rcv, global, names, ctx, templateRefs);
    if (receiver) model.receivers.push(receiver);
  }

  const routeObj = fObj(config, 'route');
  if (!routeObj) {
    report(ctx, config.pairs.route?.key.range ?? structHead(config), 'no routes provided');
  } else {
    const route = buildRoute(routeObj, ROOT_DEFAULTS, [], mode, ctx);
    model.route = route;
    checkRootRoute(route, routeObj, ctx);
    for (const r of walkRoutes(route)) {
      if (r.ownReceiver && !names.has(r.receiver)) report(ctx, r.receiverRange ?? r.head, `undefined receiver ${JSON.stringify(r.receiver)} used in route`);
    }
  }

  model.timeIntervals = checkTimeIntervals(config, ctx);
  if (model.route) {
    const defined = new Set(model.timeIntervals.map((t) => t.name));
    for (const r of walkRoutes(model.route)) {
      for (const t of [...r.activeTimeIntervals, ...r.muteTimeIntervals]) {
        if (!defined.has(t.name)) report(ctx, t.range, `undefined time interval ${JSON.stringify(t.name)} used in route`);
      }
    }
  }

  for (const it of fList(config, 'inhibit_rules')?.items ?? []) {
    const rule = asObj(it.value);
    if (rule) model.inhibitRules.push(buildInhibitRule(rule, mode, ctx));
  }

  model.templates = (fList(config, 'templates')?.items ?? []).filter((it) => typeof it.value === 'string').map((it) => ({ pattern: it.value as string, range: it.node.range }));
  model.templateRefs = templateRefs;
  // with no template files, nothing can define the names: the workspace pass has nothing to add
  if (model.templates.length === 0) diagnostics.push(...checkTemplateRefs(model, new Set()));

  diagnostics.push(...unusedReceivers(model), ...shadowedRoutes(model));
  diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { diagnostics, model };
}

function checkReceiver(rcv: DObj, global: DObj | undefined, names: Set<string>, ctx: DecodeContext, templateRefs: TemplateRef[]): AlertmanagerReceiver | undefined {
  const name = fStr(rcv, 'name');
  if (name === '') report(ctx, structHead(rcv), 'missing name in receiver');
  for (const e of fMap(rcv, 'labels')?.entries ?? []) {
    if (e.key === 'name' && e.value !== name) report(ctx, e.node, `receiver label "name" must match receiver name ${JSON.stringify(name)}, got ${JSON.stringify(e.value ?? '')}`);
  }
  if (name !== '' && names.has(name)) report(ctx, rcv.pairs.name.value, `notification config name ${JSON.stringify(name)} is not unique`);
  const integrations: string[] = [];
  for (const kind of Object.keys(INTEGRATIONS)) {
    const list = fList(rcv, kind);
    if (!list) continue;
    integrations.push(kind);
    for (const it of list.items) {
      const entry = asObj(it.value);
      checkIntegration(kind, entry, it.node, global, ctx);
      if (!entry) continue;
      // webhook `url` is checked at load time already (SecretTemplateURL)
      templateRefs.push(...checkIntegrationTemplates(entry, it.node, ctx.diagnostics, kind === 'webhook_configs' ? ['url'] : []));
      if (kind === 'webhook_configs' && entry.pairs.url) {
        const w = webhookTargetWarning(fStr(entry, 'url'), entry.pairs.url.value.range);
        if (w) ctx.diagnostics.push(w);
      }
    }
  }
  if (name !== '') names.add(name);
  if (name === '') return undefined;
  return { name, range: rcv.node.range, nameRange: rcv.pairs.name.value.range, integrations };
}

function asObj(v: unknown): DObj | undefined {
  return v && typeof v === 'object' && (v as DObj).kind === 'obj' ? (v as DObj) : undefined;
}

function lineEnd(text: string): number {
  const i = text.indexOf('\n');
  return i < 0 ? text.length : i;
}

export { SCHEMA_CODE };
