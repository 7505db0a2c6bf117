/**
 * Which documents promscope serves. YAML and JSON stay in their own languages (the Red Hat YAML
 * extension keeps serving them too): a document is ours when it matches one of
 * `promscope.files.patterns`, or when `promscope.files.contentDetection` recognises its content
 * (top-level `groups:`, `kind: PrometheusRule`, `scrape_configs:`, `route:`/`receivers:`, rule
 * unit tests, a Grafana dashboard). `.promql` documents are always ours.
 */
import * as vscode from 'vscode';
import { detectKind } from '../../packages/core/src/detect';

export const DEFAULT_PATTERNS = [
  '**/*.rules',
  '**/*.rules.{yml,yaml}',
  '**/*_rules.{yml,yaml}',
  '**/*-rules.{yml,yaml}',
  '**/rules/**/*.{yml,yaml}',
  '**/alerts/**/*.{yml,yaml}',
  '**/*alerts.{yml,yaml}',
  '**/prometheus*.{yml,yaml}',
  '**/alertmanager*.{yml,yaml}',
  '**/*.promql',
  '**/dashboards/**/*.json',
  '**/*dashboard*.json',
];

const LANGS = ['yaml', 'json', 'jsonc'];
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

/** the client's document selector: every yaml/json document (the middleware narrows it), plus promql */
export function documentSelector(): vscode.DocumentFilter[] {
  const sel: vscode.DocumentFilter[] = [{ language: 'promql' }];
  for (const language of LANGS) for (const scheme of SCHEMES) sel.push({ language, scheme });
  return sel;
}

/** the file-name part of the selection, as `{language, pattern}` filters */
export function patternSelector(): vscode.DocumentFilter[] {
  const cfg = vscode.workspace.getConfiguration('promscope.files');
  const patterns = cfg.get<string[]>('patterns', DEFAULT_PATTERNS);
  const out: vscode.DocumentFilter[] = [{ language: 'promql' }];
  for (const pattern of patterns) for (const language of LANGS) out.push({ language, pattern });
  return out;
}

export class DocumentClaims {
  private readonly cache = new Map<string, { version: number; ours: boolean }>();
  private patterns = patternSelector();
  private excludes: vscode.DocumentFilter[] = [];

  constructor() {
    this.reload();
  }

  reload(): void {
    this.cache.clear();
    this.patterns = patternSelector();
    const ex = vscode.workspace.getConfiguration('promscope.files').get<string[]>('exclude', []);
    this.excludes = ex.map((pattern) => ({ pattern }));
  }

  /** is this document served by promscope? (cached per version) */
  claims(doc: vscode.TextDocument): boolean {
    if (doc.languageId === 'promql') return true;
    if (!LANGS.includes(doc.languageId)) return false;
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.ours;
    const ours = this.decide(doc);
    this.cache.set(key, { version: doc.version, ours });
    return ours;
  }

  /** why: 'pattern', 'content: <kind>' or undefined */
  reason(doc: vscode.TextDocument): string | undefined {
    if (doc.languageId === 'promql') return 'language promql';
    if (this.excludes.length && vscode.languages.match(this.excludes, doc) > 0) return undefined;
    if (vscode.languages.match(this.patterns, doc) > 0) return 'file pattern';
    if (!vscode.workspace.getConfiguration('promscope.files', doc.uri).get<boolean>('contentDetection', true)) return undefined;
    const kind = detectKind(doc.getText(new vscode.Range(0, 0, 4000, 0)), doc.uri.path);
    return kind === 'unknown' ? undefined : `content: ${kind}`;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }

  private decide(doc: vscode.TextDocument): boolean {
    try {
      return this.reason(doc) !== undefined;
    } catch {
      return false;
    }
  }
}
