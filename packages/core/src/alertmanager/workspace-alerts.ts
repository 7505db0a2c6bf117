/**
 * The alerts a workspace's rule files can produce, as the inhibit-rule check needs them: each
 * alerting rule's known labels (`alertname`, group and rule labels with literal values) and the
 * labels it can carry (those plus what its expression's result carries, from the label flow).
 */
import { exprFromAst } from '../labelflow/from-ast';
import { labelFlow } from '../labelflow/flow';
import type { RuleFileModel } from '../rules/model';
import type { WorkspaceAlert } from './inhibit';

export function workspaceAlertsFromRules(files: readonly RuleFileModel[]): WorkspaceAlert[] {
  const out: WorkspaceAlert[] = [];
  for (const file of files) {
    for (const group of file.groups) {
      for (const rule of group.rules) {
        if (rule.kind !== 'alert' || rule.name === '') continue;
        const labels: Record<string, string> = { alertname: rule.name };
        const possible = new Set<string>(['alertname']);
        for (const kv of [...group.labels, ...rule.labels]) {
          possible.add(kv.key.text);
          // a templated value is not known before the alert fires
          if (kv.text.includes('{{')) delete labels[kv.key.text];
          else labels[kv.key.text] = kv.text;
        }
        let open = true;
        const expr = rule.parsed ? exprFromAst(rule.parsed.root, rule.parsed.text) : null;
        if (expr) {
          const set = labelFlow(expr).of(expr);
          for (const l of set.present.keys()) possible.add(l);
          open = !set.closed;
        }
        out.push({ labels, possibleLabels: possible, open });
      }
    }
  }
  return out;
}

/** A {@link WorkspaceAlert} as plain, serialisable data (for worker threads and caches). */
export interface WorkspaceAlertData {
  labels: Record<string, string>;
  possibleLabels: string[];
  open?: boolean;
}

/** The alerts one analysed rule file can produce, as plain data (empty for other files). */
export function workspaceAlertData(rules: RuleFileModel | undefined): WorkspaceAlertData[] {
  if (!rules) return [];
  return workspaceAlertsFromRules([rules]).map((a) => ({ labels: { ...a.labels }, possibleLabels: [...a.possibleLabels], ...(a.open ? { open: true } : {}) }));
}

export function alertsFromData(data: readonly WorkspaceAlertData[]): WorkspaceAlert[] {
  return data.map((a) => ({ labels: a.labels, possibleLabels: new Set(a.possibleLabels), ...(a.open ? { open: true } : {}) }));
}
