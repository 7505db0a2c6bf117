/**
 * The real-world corpus (../shared/corpus/rules): same verdicts as Prometheus.
 * - no `error` on any file Prometheus accepts;
 * - every file Prometheus rejects gets an error with the message Prometheus's own tests record
 *   (model/rulefmt testdata, EXPECTED.json, substring match);
 * - Thanos files load clean under dialect thanos and fail, naming thanos, under prometheus;
 * - PrometheusRule CRDs load; the kubernetes-mixin unit-test file is recognised as rule-tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import type { AnalyzerOptions } from '../../src/options';
import { formatDiagnostics } from './format';

const root = join(process.cwd(), '../shared/corpus/rules');

function walk(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

function errorsOf(file: string, options: Partial<AnalyzerOptions> = {}) {
  const text = readFileSync(file, 'utf8');
  const r = analyzeFile({ path: file, text }, options);
  return { kind: r.kind, errors: formatDiagnostics(relative(root, file), text, r.diagnostics.filter((d) => d.severity === 'error')) };
}

interface Expected {
  status: 'error' | 'valid';
  errMsg?: string;
  nameValidationScheme: string;
}
const rulefmtDir = join(root, 'prometheus-rulefmt-testdata');
const expected = JSON.parse(readFileSync(join(rulefmtDir, 'EXPECTED.json'), 'utf8')).files as Record<string, Expected>;

describe('Prometheus rulefmt testdata (EXPECTED.json)', () => {
  for (const [name, e] of Object.entries(expected)) {
    // legacy name validation is what Prometheus 2.x did; 3.x validates UTF-8
    const opts = e.nameValidationScheme.includes('Legacy') ? { prometheusVersion: '2.55' } : {};
    it(`${name}: ${e.status}${e.errMsg ? ` (${e.errMsg})` : ''}`, () => {
      const { errors } = errorsOf(join(rulefmtDir, name), opts);
      if (e.status === 'valid') expect(errors).toEqual([]);
      else {
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.some((l) => l.includes(e.errMsg!)), errors.join('\n')).toBe(true);
      }
    });
  }
  it('utf-8 names are refused when targeting Prometheus 2.x', () => {
    expect(errorsOf(join(rulefmtDir, 'utf-8_lname.good.yaml'), { prometheusVersion: '2.55' }).errors.length).toBeGreaterThan(0);
  });
});

const accepted = ['awesome-prometheus-alerts', 'monitoring-mixins', 'kube-prometheus-crds', 'thanos/alerts.yaml', 'thanos/rules.yaml'];

describe('files Prometheus accepts yield no error', () => {
  const files = walk(root).filter((f) => accepted.some((a) => relative(root, f).startsWith(a)));
  it('covers the corpus', () => expect(files.length).toBeGreaterThan(120));
  for (const f of files) {
    it(relative(root, f), () => {
      const { kind, errors } = errorsOf(f);
      expect(errors).toEqual([]);
      expect(kind).toBe(f.includes('kube-prometheus-crds') ? 'prometheus-rule' : 'rules');
    });
  }
});

describe('Thanos rule files (partial_response_strategy)', () => {
  const dir = join(root, 'thanos/cmd-testdata-rules-files');
  for (const f of walk(dir)) {
    const name = relative(dir, f);
    const valid = !name.startsWith('invalid');
    it(`${name} under dialect thanos: ${valid ? 'clean' : 'rejected'}`, () => {
      const { errors } = errorsOf(f, { dialect: 'thanos' });
      if (valid) expect(errors).toEqual([]);
      else expect(errors.length).toBeGreaterThan(0);
    });
    if (valid) {
      it(`${name} under dialect prometheus: the error names the thanos dialect`, () => {
        const { errors } = errorsOf(f);
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((l) => /field partial_response_strategy not found in type rulefmt\.RuleGroup .*thanos/.test(l)), errors.join('\n')).toBe(true);
      });
    }
  }
});

describe('rule unit-test files', () => {
  for (const f of ['kubernetes-mixin/rules-pod-owner-test.yaml', 'thanos/tests.yaml']) {
    it(`${f} is recognised as rule-tests and is clean`, () => {
      const { kind, errors } = errorsOf(join(root, f));
      expect(kind).toBe('rule-tests');
      expect(errors).toEqual([]);
    });
  }
});
