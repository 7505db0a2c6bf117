/**
 * Explanations for unknown prometheus.yml fields that are common mistakes: command-line flags
 * written as config fields (`storage.tsdb.path`, retention flags), the flat `retention.time` key
 * instead of nested `retention: {time: ...}`, Thanos object-storage and web-config files mixed into
 * prometheus.yml, and near-miss spellings ("did you mean").
 */
import { levenshtein } from '../relabel/lint';
import type { YNode } from '../yaml/types';

const tsdbFlags: Record<string, string> = {
  path: '--storage.tsdb.path',
  'retention.time': '--storage.tsdb.retention.time',
  'retention.size': '--storage.tsdb.retention.size',
  min_block_duration: '--storage.tsdb.min-block-duration',
  max_block_duration: '--storage.tsdb.max-block-duration',
  wal_compression: '--storage.tsdb.wal-compression',
  no_lockfile: '--storage.tsdb.no-lockfile',
  allow_overlapping_blocks: '--storage.tsdb.allow-overlapping-blocks',
  head_chunks_write_queue_size: '--storage.tsdb.head-chunks-write-queue-size',
};

export function unknownFieldHint(path: readonly string[], field: string, known: readonly string[]): string | undefined {
  const at = path.filter((p) => p !== '[]').join('.');
  if (at === 'storage.tsdb') {
    if (field === 'retention.time' || field === 'retention.size' || field === 'retention_time' || field === 'retention_size') {
      const sub = field.endsWith('time') ? 'time' : 'size';
      return `Prometheus 3.x reads retention nested: \`retention: {${sub}: ...}\`, not a flat \`${field}\` key (the command-line flag is --storage.tsdb.retention.${sub})`;
    }
    const flag = tsdbFlags[field] ?? tsdbFlags[field.replace(/-/g, '_')];
    if (flag) return `storage.tsdb.${field} is a command-line flag (${flag}), not a prometheus.yml field`;
  }
  if (at === 'storage' && (field === 'path' || field === 'retention' || field === 'local')) {
    return `storage.${field} is not a config field; the TSDB path and retention are command-line flags (--storage.tsdb.path, --storage.tsdb.retention.time) or storage.tsdb.retention in 3.x`;
  }
  if ((at === '' || at === 'storage') && (field === 'objstore' || field === 'bucket' || field === 'object_storage')) {
    return `${field} belongs in Thanos's object storage file (passed with --objstore.config-file), not in prometheus.yml`;
  }
  if (at === '' && (field === 'type' || field === 'config') ) {
    return 'this looks like a Thanos object storage file (type/config), not a prometheus.yml';
  }
  if (at === '' && ['tls_server_config', 'http_server_config', 'basic_auth_users'].includes(field)) {
    return `${field} belongs in the web configuration file (--web.config.file), not in prometheus.yml`;
  }
  if (at === '' && field === 'alertmanagers') return 'alertmanagers goes under `alerting:` (alerting: {alertmanagers: [...]})';
  if (at === '' && (field === 'evaluation_interval' || field === 'scrape_interval' || field === 'external_labels')) return `${field} goes under \`global:\``;
  if (at === 'scrape_configs' && (field === 'targets' || field === 'labels')) return `${field} goes in a static config: static_configs: [{targets: [...], labels: {...}}]`;
  if (at.endsWith('kubernetes_sd_configs') && field === 'namespace') return 'use namespaces: {names: [...]}';
  const near = nearest(field, known);
  return near ? `did you mean ${near}?` : undefined;
}

function nearest(field: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = levenshtein(field, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  const limit = field.length <= 4 ? 1 : field.length <= 10 ? 2 : 3;
  return bestD <= limit ? best : undefined;
}

/** hints for values of the wrong kind: a scalar where Prometheus expects a section, and the reverse */
export function typeErrorHint(path: readonly string[], node: YNode): string | undefined {
  const at = path.filter((p) => p !== '[]').join('.');
  if (at === 'storage.tsdb.retention' && node.kind === 'scalar') return `retention is a section in Prometheus 3.x: retention: {time: ${node.text}} (or size: ...)`;
  if (/(^|\.)(static_configs|relabel_configs|metric_relabel_configs|scrape_configs|remote_write|remote_read|alertmanagers|\w+_sd_configs)$/.test(at) && node.kind === 'map')
    return `${at.split('.').pop()} is a list: start its entries with "- "`;
  if (/(^|\.)(targets|source_labels|rule_files|files|names)$/.test(at) && node.kind === 'scalar') return `${at.split('.').pop()} is a list: write [${node.text}]`;
  return undefined;
}
