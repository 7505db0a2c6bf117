/**
 * Editor requests over a rule file without its whole model: the semantic tokens of its `expr:` keys
 * found line by line (scanExprRegions) are the model's, on every rule file of the corpus and of
 * test-fixtures that parses without error (a broken file has no exact answer: the model is yaml's
 * recovery, the scan the layout's); and the region where each diagnostic starts, found as hover
 * finds one (promqlRegionAt, what code actions use), is the model's on every corpus rule file.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import { buildDocumentModel } from '../../src/services/document-model';
import { promqlRegionAt, scanExprRegions } from '../../src/services/region-at';
import { regionAt } from '../../src/services/regions';
import { semanticTokens } from '../../src/services/semantic-tokens';
import { CORPUS, FIXTURES, filesBelow } from '../support/corpus-files';

const root = process.cwd();
const all = [...filesBelow(FIXTURES), ...filesBelow(path.join(CORPUS, 'rules'))];

describe('semantic tokens of rule files without their model', () => {
  test('the model\'s tokens, on every rule file that parses', () => {
    let compared = 0;
    let tokens = 0;
    let aliased = 0;
    const differ: string[] = [];
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      const r = analyzeFile({ path: f, text });
      if ((r.kind !== 'rules' && r.kind !== 'prometheus-rule') || r.diagnostics.some((d) => d.code.startsWith('yaml/') || d.code === 'rules/template-file')) continue;
      const model = buildDocumentModel(f, text, r.kind);
      const want = semanticTokens(text, model.regions);
      const scanned = scanExprRegions(text);
      if (!scanned) {
        aliased++;
        continue;
      }
      const got = semanticTokens(text, scanned);
      compared++;
      tokens += want.length;
      if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(path.relative(root, f));
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(100);
    // declined: the files with anchors or aliases (the model resolves them)
    expect(aliased).toBeGreaterThan(0);
    expect(aliased).toBeLessThan(compared / 10);
    expect(tokens).toBeGreaterThan(10000);
  });

  test("the region where each diagnostic starts, found as hover finds it, is the model's (code actions)", () => {
    let compared = 0;
    const differ: string[] = [];
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      const r = analyzeFile({ path: f, text });
      if (r.kind !== 'rules' && r.kind !== 'prometheus-rule') continue;
      const model = buildDocumentModel(f, text, r.kind);
      for (const d of r.diagnostics) {
        const want = regionAt(model.regions, d.range.start);
        const got = promqlRegionAt(r.kind, text, d.range.start, () => model);
        compared++;
        const key = (x: typeof want) => (x ? `${x.range.start}-${x.range.end} ${x.keyStart} ${x.style}` : 'none');
        if (key(got) !== key(want)) differ.push(`${path.relative(root, f)}:${d.range.start} ${d.code}: ${key(got)} != ${key(want)}`);
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(500);
  });

  test('the same key twice, and the same file after an insert: each region where its key is now', () => {
    // scanned keys are remembered by their text: a remembered one is shifted to its new place
    const key = '      - alert: A\n        expr: |\n          sum(rate(x[5m])) > 0\n';
    const text = 'groups:\n  - name: g\n    rules:\n' + key + key;
    const model = (t: string) => buildDocumentModel('f.yml', t, 'rules').regions;
    expect(semanticTokens(text, scanExprRegions(text)!)).toEqual(semanticTokens(text, model(text)));
    const moved = '# a comment on top\n' + text;
    const got = semanticTokens(moved, scanExprRegions(moved)!);
    expect(got).toEqual(semanticTokens(moved, model(moved)));
    expect(got.map((t) => moved.slice(t.start, t.end))).toEqual(['sum', 'rate', 'x', '5m', '>', '0', 'sum', 'rate', 'x', '5m', '>', '0']);
  });

  test('a broken file still gets the tokens of its expressions', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: sum(rate(x[5m]))\n   } oops: [\n      - alert: A\n        expr: |\n          up == 0\n';
    const got = semanticTokens(text, scanExprRegions(text)!).map((t) => text.slice(t.start, t.end));
    expect(got).toEqual(['sum', 'rate', 'x', '5m', 'up', '==', '0']);
  });
});
