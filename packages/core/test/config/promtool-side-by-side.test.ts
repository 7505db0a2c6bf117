/**
 * Side by side with `promtool check config --syntax-only` (Debian's promtool 2.42, verdicts recorded
 * in test-fixtures/prometheus/promtool-2.42-verdicts.json by record-promtool-verdicts.mjs): every
 * file promtool rejects, promscope rejects — except promtool's known gaps, which are classified
 * from its own message: Debian builds it without kubernetes/consul SD, and 2.42 predates fields that
 * Prometheus 3.x accepts (there Prometheus's 3.x source and testdata are the judge).
 * Also counts the files where promscope finds more than promtool.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePrometheusConfig } from '../../src/config/analyze';
import { configSchema } from '../../src/config/schema';
import type { GoKind, StructSchema } from '../../src/config/decode/schema';

const root = process.cwd();
const corpus = path.resolve(root, '../shared/corpus/config');
const recorded = JSON.parse(fs.readFileSync(path.join(root, 'test-fixtures/prometheus/promtool-2.42-verdicts.json'), 'utf8')) as {
  version: string;
  files: Record<string, { status: 'ok' | 'rejected'; output: string }>;
};

/** every field name Prometheus 3.x knows anywhere in prometheus.yml */
function knownFields(): Set<string> {
  const out = new Set<string>();
  const seen = new Set<StructSchema>();
  const walk = (k: GoKind) => {
    if (k.k === 'struct') visit(k.s);
    else if (k.k === 'list' || k.k === 'map') walk(k.of);
  };
  const visit = (s: StructSchema) => {
    if (seen.has(s)) return;
    seen.add(s);
    for (const [name, k] of Object.entries(s.fields)) {
      out.add(name);
      walk(k);
    }
  };
  visit(configSchema);
  return out;
}
const fields3x = knownFields();

/** why promtool 2.42 rejects a file that Prometheus 3.x loads, or null when there is no known reason */
function knownGap(output: string): string | null {
  const unknown = [...output.matchAll(/field (\S+) not found in type/g)].map((m) => m[1]);
  if (unknown.some((f) => f === 'kubernetes_sd_configs' || f === 'consul_sd_configs')) return 'built without kubernetes/consul SD';
  if (unknown.length > 0 && unknown.every((f) => fields3x.has(f))) return `field added after 2.42: ${unknown.join(', ')}`;
  if (/unknown Kubernetes SD role|unknown (?:scrape config )?name validation|ValidationScheme|utf8|UTF8|escaping/i.test(output)) return 'pre-3.x name validation';
  if (/invalid (?:rule file path|scrape config file path)|scrape_config_files/.test(output)) return null;
  if (/is not a valid label name/.test(output)) return 'pre-3.x (legacy) label name validation';
  return null;
}

describe(`side by side with ${recorded.version.split(' (')[0]}`, () => {
  it('every file promtool rejects is rejected by promscope, known gaps aside', () => {
    const unexplained: string[] = [];
    const gaps: Record<string, number> = {};
    let rejected = 0;
    let both = 0;
    let promscopeMore = 0;
    for (const [rel, v] of Object.entries(recorded.files)) {
      const text = fs.readFileSync(path.join(corpus, rel), 'utf8');
      const hasError = analyzePrometheusConfig({ path: rel, text }).diagnostics.some((d) => d.severity === 'error');
      if (v.status === 'ok') {
        if (hasError) promscopeMore++;
        continue;
      }
      rejected++;
      if (hasError) {
        both++;
        continue;
      }
      const gap = knownGap(v.output);
      if (gap) gaps[gap.replace(/:.*/, '')] = (gaps[gap.replace(/:.*/, '')] ?? 0) + 1;
      else unexplained.push(`${rel}: ${v.output.replace(/\n/g, ' ')}`);
    }
    console.log(
      `promtool rejects ${rejected}/${Object.keys(recorded.files).length}; promscope rejects ${both} of those; known promtool gaps: ${JSON.stringify(gaps)}; promscope rejects ${promscopeMore} files promtool accepts`,
    );
    expect(unexplained).toEqual([]);
  });

  it('checked for 2.42 (--prometheus-version 2.42), no file promtool accepts is refused: the checks that came later wait for their version', () => {
    const accepted = Object.entries(recorded.files).filter(([, v]) => v.status === 'ok');
    expect(accepted.length).toBeGreaterThan(30);
    const refused = accepted.flatMap(([rel]) => {
      const text = fs.readFileSync(path.join(corpus, rel), 'utf8');
      const e = analyzePrometheusConfig({ path: rel, text }, { prometheusVersion: '2.42' }).diagnostics.find((d) => d.severity === 'error');
      return e ? [`${rel}: ${e.message}`] : [];
    });
    expect(refused).toEqual([]);
  });
});
