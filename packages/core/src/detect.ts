/**
 * File-kind detection from content (and optionally the file name), cheap enough to run on every
 * file a directory walk finds: it reads top-level keys line by line (no YAML parse) and stops at
 * the first decisive one. JSON is recognised by its first character and a few key probes.
 *
 *   groups:                               → rules
 *   kind: PrometheusRule                  → prometheus-rule
 *   rule_files + tests / tests alone      → rule-tests
 *   scrape_configs, global.scrape_interval, alerting, remote_write, ... → prometheus-config
 *   route, receivers, inhibit_rules, ...  → alertmanager-config
 *   JSON with "panels" / "dashboard"      → dashboard
 *   *.promql                              → promql
 */
import type { FileKind } from './files';
import { contentLeftOf } from './text/indent';

const promConfigKeys = new Set([
  'scrape_configs',
  'scrape_config_files',
  'alerting',
  'remote_write',
  'remote_read',
  'storage',
  'otlp',
  'runtime',
]);
const amKeys = new Set(['route', 'receivers', 'inhibit_rules', 'mute_time_intervals', 'time_intervals']);
const amGlobalKeys = /^\s+(resolve_timeout|smtp_[a-z_]+|slack_api_url(_file)?|pagerduty_url|opsgenie_api_(key|url)|http_config|victorops_api_(key|url)|wechat_api_[a-z_]+|telegram_api_url|webex_api_url|jira_api_url|rocketchat_api_url)\s*:/m;
const promGlobalKeys = /^\s+(scrape_interval|scrape_timeout|evaluation_interval|external_labels|query_log_file|scrape_protocols|rule_query_offset)\s*:/m;

const topKey = /^(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z_][\w.-]*))[ \t]*:(?=\s|$)/gm;

/** detects the kind of a file; `fileName` (path or URI) only helps, content decides */
export function detectKind(text: string, fileName?: string): FileKind {
  const name = (fileName ?? '').toLowerCase();
  if (name.endsWith('.promql')) return 'promql';
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  while (start < text.length && /\s/.test(text[start])) start++;
  // JSON: an object or array opening, not a Go-template action (`{{`)
  if (name.endsWith('.json') || /^(?:\{\s*["}]|\[)/.test(text.slice(start, start + 64))) return detectJson(text);
  // a leading BOM would hide the first top-level key from the `^key:` scan
  return detectYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function detectJson(text: string): FileKind {
  const head = text.slice(0, 1 << 16);
  if (/"groups"\s*:\s*\[/.test(head) && !/"panels"\s*:/.test(head)) return 'rules';
  if (/"panels"\s*:|"dashboard"\s*:|"templating"\s*:|"schemaVersion"\s*:/.test(text)) return 'dashboard';
  return 'unknown';
}

/** the top-level keys of a document indented as a whole (its first content line's indentation, rare) */
const indentedTopKeys = new Map<number, RegExp>();

/** the indentation of the first line that is not blank, a comment, a directive or `---` */
function documentIndent(text: string): number {
  const first = /^(?![ \t]*(?:#|$)|%|---)( *)\S/m.exec(text);
  return first ? first[1]!.length : 0;
}

function detectYaml(text: string): FileKind {
  const indent = documentIndent(text);
  if (indent > 0) {
    // a line to the left of the first one ends the document's root for yaml.v3, which reads no
    // further (` groups:` then `- name: x`: promtool loads no rules): not such a file
    if (contentLeftOf(text, indent) !== -1) return 'unknown';
    let re = indentedTopKeys.get(indent);
    if (!re) indentedTopKeys.set(indent, (re = new RegExp(`^ {${indent}}${topKey.source.slice(1)}`, 'gm')));
    return detectYamlKeys(text, re, indent);
  }
  return detectYamlKeys(text, topKey, 0);
}

function detectYamlKeys(text: string, topKey: RegExp, indent: number): FileKind {
  topKey.lastIndex = 0;
  let hasRuleFiles = false;
  let hasTests = false;
  let hasGroups = false;
  let hasGlobal = false;
  let hasPromKey = false;
  let amScore = 0;
  let m: RegExpExecArray | null;
  while ((m = topKey.exec(text))) {
    const key = m[1] ?? m[2] ?? m[3];
    switch (key) {
      case 'kind':
        if (/^kind:[ \t]*["']?PrometheusRule\b/.test(text.slice(m.index + indent, m.index + indent + 40))) return 'prometheus-rule';
        break;
      case 'groups':
        hasGroups = true;
        break;
      case 'rule_files':
        hasRuleFiles = true;
        break;
      case 'tests':
        hasTests = true;
        break;
      case 'global':
        hasGlobal = true;
        break;
      case 'evaluation_interval':
        break;
      default:
        if (promConfigKeys.has(key)) hasPromKey = true;
        else if (amKeys.has(key)) amScore++;
    }
    if (hasGroups && !hasTests) {
      // `groups:` decides unless the file turns out to be a manifest: look a little further
      if (!text.includes('PrometheusRule') || !new RegExp(`^ {${indent}}kind:[ \\t]*["']?PrometheusRule\\b`, 'm').test(text)) return 'rules';
      return 'prometheus-rule';
    }
  }
  if (hasTests && (hasRuleFiles || !hasPromKey)) return 'rule-tests';
  if (amScore > 0 && !hasPromKey) return 'alertmanager-config';
  if (hasPromKey || hasRuleFiles) return 'prometheus-config';
  if (hasGlobal) {
    if (amGlobalKeys.test(text)) return 'alertmanager-config';
    if (promGlobalKeys.test(text)) return 'prometheus-config';
  }
  return 'unknown';
}
