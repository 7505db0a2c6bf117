/**
 * Every file a prometheus.yml makes Prometheus read, with its place in the config: rule files,
 * scrape config files, file_sd target files (globs) and credential/TLS files (`*_file` fields such
 * as `bearer_token_file`, `tls_config.ca_file`, `kubeconfig_file`). The core does no I/O; the CLI
 * and the language server check that these exist (as `promtool check config` does), relative to
 * the config file's directory.
 */
import type { Range } from '../diagnostics/types';
import { metaOf, type GoObject, type GoValue } from './decode/decode';

export type FileReferenceKind = 'rule_files' | 'scrape_config_files' | 'file_sd' | 'credential';

export interface FileReference {
  kind: FileReferenceKind;
  /** the YAML field, e.g. `bearer_token_file`, `files`, `rule_files` */
  field: string;
  /** the path or glob as written */
  pattern: string;
  isGlob: boolean;
  range: Range;
  /**
   * the HTTP client reading it is built while the configuration is applied (remote write/read,
   * Alertmanager clients; not service discovery, not scrape pools, which are built later and
   * logged on failure): a file it cannot read makes Prometheus refuse the configuration
   */
  appliedClient?: boolean;
}

/** fields Prometheus writes to rather than reads */
const writtenFiles = new Set(['query_log_file', 'scrape_failure_log_file']);
/** `*_path` fields that name files Prometheus reads (azuread, stackit) */
const pathFields = new Set(['certificate_path', 'certificate_key_path', 'token_file_path', 'service_account_key_path', 'private_key_path', 'credentials_file_path']);

export function collectFileReferences(cfg: GoObject): FileReference[] {
  const out: FileReference[] = [];
  let applied = false;
  const add = (kind: FileReferenceKind, field: string, pattern: string, range: Range | undefined) => {
    if (pattern === '' || !range) return;
    out.push({ kind, field, pattern, isGlob: /[*?[]/.test(pattern), range, ...(applied ? { appliedClient: true } : {}) });
  };
  const list = (owner: GoObject, field: string, kind: FileReferenceKind) => {
    const v = owner[field];
    if (!Array.isArray(v)) return;
    const items = metaOf(v)?.items ?? [];
    v.forEach((p, i) => typeof p === 'string' && add(kind, field, p, items[i]?.range));
  };
  list(cfg, 'rule_files', 'rule_files');
  list(cfg, 'scrape_config_files', 'scrape_config_files');
  const walk = (v: GoValue | undefined, key: string | null) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, null);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as GoObject;
    const m = metaOf(o);
    for (const [k, val] of Object.entries(o)) {
      if (k === 'files' && isFileSD(o)) {
        list(o, 'files', 'file_sd');
        continue;
      }
      if (typeof val === 'string' && ((/_file$/.test(k) && !writtenFiles.has(k)) || pathFields.has(k))) add('credential', k, val, m?.values[k]?.range);
      else if (k === 'files' && Array.isArray(val) && key === 'http_headers') list(o, 'files', 'credential');
      else if (applied && /_sd_configs$/.test(k)) {
        applied = false;
        walk(val, k);
        applied = true;
      } else walk(val, k);
    }
  };
  for (const [k, v] of Object.entries(cfg)) {
    if (k === 'rule_files' || k === 'scrape_config_files') continue;
    applied = k === 'remote_write' || k === 'remote_read' || k === 'alerting';
    walk(v, k);
  }
  applied = false;
  return out;
}

/** a file_sd entry: has `files` and nothing but `refresh_interval` besides */
function isFileSD(o: GoObject): boolean {
  return Array.isArray(o.files) && Object.keys(o).every((k) => k === 'files' || k === 'refresh_interval');
}
