/**
 * What an alertmanager.yml links to, checked with what the shell reads:
 *
 * - `templates:` globs, relative to the configuration's folder (Alertmanager's `resolveFilepaths`),
 *   expanded with Go's `filepath.Glob`: a glob matching nothing is allowed (Alertmanager "allows
 *   empty matches that may be populated later on"); a malformed glob fails the load (`error`); the
 *   template files found are parsed (a parse error fails the load) and every template name a
 *   receiver uses must be defined in one of them or built in (`checkTemplateFiles`).
 * - `inhibit_rules[].equal` labels against the alerts the workspace's rule files can produce
 *   (`checkInhibitEqualLabels`), when the shell has rule files to give.
 */
import type { Diagnostic } from '../diagnostics/types';
import { checkInhibitEqualLabels } from '../alertmanager/inhibit';
import type { AlertmanagerModel } from '../alertmanager/model';
import { checkTemplateFiles } from '../alertmanager/templates';
import { alertsFromData, type WorkspaceAlertData } from '../alertmanager/workspace-alerts';
import { expandGoGlob, goGlobPatternError } from './go-glob';
import type { FileHost, LinkedFile } from './host';
import { dirOf, joinDir } from './paths';
import { pushAll } from '../text/arrays';

export const TEMPLATES_CODE = 'alertmanager/templates';

export interface AlertmanagerLinks {
  /** diagnostics on the alertmanager.yml: malformed globs, unreadable templates, undefined template names, inhibit rules */
  diagnostics: Diagnostic[];
  /** the template files the `templates:` globs select, with their parse diagnostics */
  templates: LinkedFile[];
}

/**
 * `configPath`: the alertmanager.yml's absolute '/'-separated path. `alerts`: the workspace's
 * alerts (`workspaceAlertData` of each rule file); without it the inhibit rules are not checked.
 */
export function checkAlertmanagerLinks(configPath: string, model: AlertmanagerModel, host: FileHost, alerts?: readonly WorkspaceAlertData[]): AlertmanagerLinks {
  const diagnostics: Diagnostic[] = [];
  const templates: LinkedFile[] = [];
  if (model.templates.length > 0) {
    const dir = dirOf(configPath);
    const seen = new Set<string>();
    const files: { path: string; text: string }[] = [];
    for (const t of model.templates) {
      const abs = joinDir(dir, t.pattern);
      const bad = goGlobPatternError(abs);
      if (bad) {
        diagnostics.push({ code: TEMPLATES_CODE, severity: 'error', range: t.range, message: `failed to parse templates: ${bad}` });
        continue;
      }
      for (const f of expandGoGlob(abs, host)) {
        if (seen.has(f)) continue;
        seen.add(f);
        const text = host.readFile(f);
        if (text === undefined) diagnostics.push({ code: TEMPLATES_CODE, severity: 'error', range: t.range, message: `failed to parse templates: cannot read ${JSON.stringify(f)}` });
        else files.push({ path: f, text });
      }
    }
    const r = checkTemplateFiles(model, files);
    pushAll(diagnostics, r.config);
    for (const f of files) templates.push({ path: f.path, text: f.text, diagnostics: r.files.get(f.path) ?? [] });
  }
  if (alerts && alerts.length > 0) diagnostics.push(...checkInhibitEqualLabels(model, alertsFromData(alerts)));
  return { diagnostics, templates };
}
