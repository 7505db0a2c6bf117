/**
 * `promscope route`: offline routing of a label set through an alertmanager.yml, like
 * `amtool config routes test` (which receivers, through which routes), and `--tree` to print the
 * routing tree like `amtool config routes show`.
 *
 *   promscope route --config alertmanager.yml severity=critical team=db
 *   promscope route --config alertmanager.yml --tree
 *   promscope route --config alertmanager.yml --expect pager,db-team severity=critical team=db
 *
 * Exit codes: 0 routed (and `--expect` matched), 1 `--expect` mismatch or a configuration that
 * Alertmanager would refuse, 2 usage error or unreadable file.
 */
import { LineIndex } from '@promscope/core';
import { walkFlags } from './flags';
import {
  analyzeAlertmanagerConfig,
  describeMatchers,
  describePath,
  matchRoutes,
  parseMatchers,
  renderRouteTree,
  type AlertmanagerRoute,
} from '../../../core/src/alertmanager/index';

export interface RouteCommandIO {
  readFile(p: string): string;
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `usage: promscope route --config <alertmanager.yml> [--tree] [--expect r1,r2] [label=value ...]`;

interface RouteArgs {
  config?: string;
  tree: boolean;
  expect?: string[];
  labels: string[];
}

function parseArgs(args: string[]): RouteArgs | string {
  const out: RouteArgs = { tree: false, labels: [] };
  const common = walkFlags(args, (flag, value) => {
    switch (flag) {
      case '--tree':
        out.tree = true;
        return true;
      case '--expect':
      case '--verify.receivers': {
        const v = value();
        if (v === undefined) return `${flag} needs a comma-separated list of receivers`;
        out.expect = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
        return true;
      }
      default:
        return false;
    }
  });
  if (typeof common === 'string') return common;
  out.config = common.config;
  out.labels.push(...common.positionals);
  if (!out.config) return '--config is required';
  if (!out.tree && out.labels.length === 0) return 'give labels to route (name=value ...) or --tree';
  return out;
}

/** `name=value` arguments (quotes optional, as amtool accepts them) into a label set */
function parseLabels(args: string[]): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const a of args) {
    const r = parseMatchers(a);
    if (r.error) return `bad label ${JSON.stringify(a)}: ${r.error.message}`;
    for (const m of r.matchers) {
      if (m.type !== '=') return `bad label ${JSON.stringify(a)}: only name=value is allowed`;
      labels[m.name] = m.value;
    }
  }
  return labels;
}

export function runRouteCommand(args: string[], io: RouteCommandIO): number {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.stderr(`promscope route: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = parsed.config ? io.readFile(parsed.config) : '';
  } catch (e) {
    io.stderr(`promscope route: cannot read ${parsed.config}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const path = parsed.config ?? '';
  const result = analyzeAlertmanagerConfig({ path, text });
  const lines = new LineIndex(text);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) {
    const p = lines.positionAt(d.range.start);
    io.stderr(`${path}:${p.line + 1}:${p.character + 1}: error: ${d.message} (${d.code})\n`);
  }
  const root = result.model.route;
  if (!root) {
    io.stderr(`promscope route: ${path} has no usable route tree\n`);
    return 1;
  }
  if (parsed.tree) {
    io.stdout(`${renderRouteTree(root)}\n`);
    if (parsed.labels.length === 0) return errors.length > 0 ? 1 : 0;
  }
  const labels = parseLabels(parsed.labels);
  if (typeof labels === 'string') {
    io.stderr(`promscope route: ${labels}\n`);
    return 2;
  }
  const matches = matchRoutes(root, labels);
  const receivers: string[] = [];
  for (const m of matches) if (!receivers.includes(m.route.receiver)) receivers.push(m.route.receiver);
  const where = (r: AlertmanagerRoute): string => `${describePath(r)}, line ${lines.positionAt(r.range.start).line + 1}`;
  for (const m of matches) {
    const chain = m.chain.map((r) => (r.path.length === 0 ? 'root' : `${describeMatchers(r)}${r.continue ? ' (continue)' : ''}`)).join(' -> ');
    io.stdout(`${m.route.receiver}\n  via ${chain}\n  at ${where(m.route)}\n`);
  }
  io.stdout(`receivers: ${receivers.join(',')}\n`);
  if (parsed.expect) {
    const same = parsed.expect.length === receivers.length && parsed.expect.every((r, i) => receivers[i] === r);
    if (!same) {
      io.stderr(`promscope route: expected receivers ${parsed.expect.join(',')}, got ${receivers.join(',')}\n`);
      return 1;
    }
  }
  return errors.length > 0 ? 1 : 0;
}
