/**
 * wire.ts: what the analysis worker sends (each piece only when it changed) must decode on the
 * main thread to exactly what the analysis computed, and diagnostics published as JSON text must
 * be the message `JSON.stringify` would write.
 */
import { LineIndex, workspaceSignature } from '@promscope/core';
import { describe, expect, test } from 'vitest';
import { diagnosticsStep, type AnalysisJob } from '../src/analysis-job';
import { sameData, setDiagnosticsLimit, toDiagnostic, toPublished } from '../src/convert';
import { jsonEncoder, lspConversions, lspJsonText, OutputEncoder, OutputMirror, rawDiagnosticsParams, type LspJson } from '../src/wire';
import { editorRuleFile, ruleFile as soakRuleFile } from '../../../scripts/lib/rule-generator.mjs';
import { collectGarbage } from '../../../scripts/lib/collect-garbage.mjs';

const ruleFile = (groups: number) => editorRuleFile(groups, 4, '# a comment ab\ngroups:\n');

/** edits of every kind the encoder must see through: same length, shifting, new lines at the same offsets, marks, new findings */
const edits: ((t: string) => string)[] = [
  (t) => t.replace('> 0.5', '> 0.7'),
  (t) => t.replace('> 0.5', '> 0.5'),
  (t) => t.replace('for: 10m', 'for: 15m'),
  (t) => t.replace('team: sre', 'team: sres'),
  // one more line before everything, every offset unchanged: positions move, offsets do not
  (t) => t.replace('# a comment ab\n', '# a comment\n#b\n'),
  (t) => t.replace('# a comment\n#b\n', '# a comment ab\n'),
  (t) => t.replace('- record: job:http_requests_4:rate5m', '- record: job:http_requests_4:rate5m # promscope: used-externally'),
  (t) => t.replace('rate5m # promscope: used-externally', 'rate5m'),
  (t) => t.replace('HighErrorRate3', 'highErrorRate3'),
  (t) => t.replace('sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m]))', 'sum by (job) (rate(http_requests_total{job="web"}[5m]))'),
  (t) => t.replace('  - name: group_1\n', '  - name: group_0\n'),
  (t) => t.replace('groups:\n', 'groups:\n\n'),
  (t) => t + '  - name: extra\n    rules:\n      - record: x\n        expr: up\n',
  // typing: insertions in a row (every offset after them moves)
  (t) => t.replace('for: 10m', 'for: 100m'),
  (t) => t.replace('for: 100m', 'for: 1000m'),
  (t) => t.replace('summary: "High', 'summary: "Very High'),
  (t) => t.replace('for: 1000m', 'for: 10m'),
  // at the end of a name: its range grows, the ones after it move
  (t) => t.replace('alert: HighErrorRate5\n', 'alert: HighErrorRate5x\n'),
  (t) => t.replace('alert: HighErrorRate5x\n', 'alert: HighErrorRate5\n'),
];

describe('OutputEncoder / OutputMirror', () => {
  test('a keystroke that adds or removes findings converts only what it changed, not every later diagnostic', () => {
    const encoder = new OutputEncoder();
    const uri = 'file:///w/big.rules.yml';
    // (the soak's rule file: findings on most rules, none pointing at another rule)
    let text = soakRuleFile(0, 3, 10);
    const encode = () => {
      const out = diagnosticsStep({ id: 1, uri, displayPath: '/w/big.rules.yml', text, options: {}, checks: {}, incremental: true }).output;
      const before = lspConversions.count;
      const lsp = encoder.encode(uri, text, true, out.summary, out.diagnostics, out.raw).lsp!;
      const lines = new LineIndex(text);
      // what is published is what converting every diagnostic afresh gives
      expect(JSON.parse(lspJsonText(lsp))).toEqual(JSON.parse(JSON.stringify(out.diagnostics.map((d) => toDiagnostic(lines, d, uri, () => undefined)))));
      return { converted: lspConversions.count - before, count: out.diagnostics.length };
    };
    const first = encode();
    expect(first.converted).toBe(first.count);
    // typing in the first group's first expression: `sum(` makes it invalid (a syntax error, and
    // its other findings go), `)` and the undo make it valid again; the diagnostics after it move
    const at = text.indexOf('expr: ') + 'expr: '.length;
    const original = text;
    for (const typed of ['sum(', 'sum()', '']) {
      text = original.slice(0, at) + typed + original.slice(at);
      const r = encode();
      // invalid: another number of findings; the undo: the first text's
      if (typed === 'sum(') expect(r.count).not.toBe(first.count);
      if (typed === '') expect(r.count).toBe(first.count);
      // the findings of that rule (a handful) are converted, not the ~all that come after them
      expect(r.converted).toBeLessThan(8);
      expect(r.count).toBeGreaterThan(30);
    }
  });


  test('every decoded piece is the analysis result, across edits of one document', () => {
    const encoder = new OutputEncoder();
    const mirror = new OutputMirror();
    const uri = 'file:///w/big.rules.yml';
    let text = ruleFile(8);
    let sames = 0;
    let shifts = 0;
    let patches = 0;
    let lastLsp: LspJson | undefined;
    let transferred = 0;
    for (let i = 0; i < edits.length * 3; i++) {
      if (i > 0) text = edits[i % edits.length]!(text);
      // every fifth job is not incremental (a disk read): nothing is kept for it
      const keep = i % 5 !== 4;
      const job: AnalysisJob = { id: i, uri, displayPath: '/w/big.rules.yml', text, options: {}, checks: {}, incremental: keep };
      const out = diagnosticsStep(job).output;
      // as the analyzer sends it: the LSP text first, then the rest
      const begun = encoder.begin(uri, text, keep, out.summary, out.diagnostics, out.raw);
      const lines = new LineIndex(text);
      const expected = JSON.parse(JSON.stringify(out.diagnostics.map((d) => toDiagnostic(lines, d, uri, () => undefined))));
      expect(begun.lsp).toBeDefined();
      const first = begun.lsp === 'same' ? lastLsp! : begun.lsp!;
      expect(JSON.parse(lspJsonText(first))).toEqual(expected);
      // as the runner sends it: the new LSP JSON first, its buffer transferred (detached here: the
      // encoder must not need it again), then the rest without it
      const moved = begun.lsp === 'same' ? undefined : structuredClone(begun.lsp!, { transfer: [begun.lsp!.buffer as ArrayBuffer] });
      if (begun.lsp !== 'same') {
        expect(begun.lsp!.byteLength).toBe(0);
        transferred++;
      }
      const encoded = begun.finish();
      sames += Object.keys(encoded.same ?? {}).length;
      if (encoded.shifted) shifts++;
      if (encoded.patched) patches++;
      delete encoded.lsp;
      const wire = structuredClone(encoded);
      if (moved) wire.lsp = moved;
      const { props, lsp, signature } = mirror.decode(uri, keep, wire);
      if (lsp) lastLsp = lsp;
      const got = Object.defineProperties({}, props) as { summary: unknown; diagnostics: unknown; raw: unknown };
      expect(sameData(got.summary, out.summary)).toBe(true);
      expect(sameData(got.diagnostics, out.diagnostics)).toBe(true);
      expect(sameData(got.raw, out.raw)).toBe(true);
      expect(signature).toBe(workspaceSignature(out.summary, text));
      expect(lsp).toBeDefined();
      expect(JSON.parse(lspJsonText(lsp!))).toEqual(expected);
    }
    // the point of it: unchanged pieces were not sent again
    expect(sames).toBeGreaterThan(0);
    expect(transferred).toBeGreaterThan(0);
    expect(shifts).toBeGreaterThan(0);
    // an edit that changed a rule's findings or uses: only those items were sent
    expect(patches).toBeGreaterThan(0);
  });

  test('under a limit per file, each publication is the diagnostics VS Code would show and a notice, across typing', () => {
    const encoder = new OutputEncoder();
    const uri = 'file:///w/big.rules.yml';
    const original = soakRuleFile(0, 3, 10);
    const at = original.indexOf('expr: ') + 'expr: '.length;
    // typing that makes the first expression invalid (a syntax error: an error first in line) and valid again
    const texts = ['', '', 'sum(', 'sum()', '', 's', ''].map((typed) => original.slice(0, at) + typed + original.slice(at));
    let last: LspJson | undefined;
    let limited = 0;
    let sames = 0;
    try {
      for (const limit of [20, 0, 35, 20]) {
        setDiagnosticsLimit(limit);
        for (const text of texts) {
          const out = diagnosticsStep({ id: 1, uri, displayPath: '/w/big.rules.yml', text, options: {}, checks: {}, incremental: true }).output;
          const encoded = encoder.encode(uri, text, true, out.summary, out.diagnostics, out.raw);
          if (encoded.same?.lsp) sames++;
          const lsp = encoded.same?.lsp ? last! : encoded.lsp!;
          last = lsp;
          const lines = new LineIndex(text);
          const published = JSON.parse(lspJsonText(lsp));
          expect(published).toEqual(JSON.parse(JSON.stringify(toPublished(out.diagnostics, (d) => toDiagnostic(lines, d, uri, () => undefined), limit))));
          if (limit > 0 && out.diagnostics.length > limit) {
            limited++;
            expect(published).toHaveLength(limit + 1);
            expect(published.at(-1).message).toBe(`${out.diagnostics.length - limit} more findings are not shown: at most ${limit} are published per file (setting \`maxDiagnosticsPerFile\`). \`promscope check\` lists them all.`);
            // every error and warning is shown before any info
            const shownInfos = published.slice(0, -1).filter((d: { severity: number }) => d.severity === 3).length;
            const warnings = out.diagnostics.filter((d) => d.severity !== 'info').length;
            expect(shownInfos).toBe(Math.max(0, limit - warnings));
          } else expect(published).toHaveLength(out.diagnostics.length);
        }
      }
    } finally {
      setDiagnosticsLimit(0);
    }
    expect(limited).toBe(texts.length * 3);
    // a text analysed again publishes the same (once per limit: a new limit publishes anew)
    expect(sames).toBe(4);
  });

  test('diagnostics with a note in another file are left to the main thread', () => {
    const encoder = new OutputEncoder();
    const d = { code: 'x/y', severity: 'warning' as const, message: 'm', range: { start: 0, end: 1 }, notes: [{ message: 'n', file: '/other.yml', range: { start: 0, end: 1 } }] };
    const summary = { path: '/a.yml', kind: 'rules' as const, recordedMetrics: [], alerts: [], ruleFileRefs: [], testedAlerts: [] };
    const encoded = encoder.encode('file:///a.yml', 'groups: []\n', true, summary, [d], [d]);
    expect(encoded.lsp).toBeUndefined();
    const { props, lsp } = new OutputMirror().decode('file:///a.yml', true, structuredClone(encoded));
    expect(lsp).toBeUndefined();
    expect((Object.defineProperties({}, props) as { diagnostics: unknown }).diagnostics).toEqual([d]);
  });
});

describe('jsonEncoder', () => {
  const decode = async (m: unknown) => JSON.parse(Buffer.from(await jsonEncoder.encode(m as never, { charset: 'utf-8' })).toString('utf8'));

  test('diagnostics given as JSON (UTF-8) are written as JSON.stringify would write the message', async () => {
    const diagnostics = [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, message: 'é "quoted"\n😀', severity: 2, code: 'a/b', source: 'promscope' }];
    for (const version of [undefined, 3]) {
      const params = rawDiagnosticsParams('file:///a%20b.yml', version, Buffer.from(JSON.stringify(diagnostics)));
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
      expect(await decode(msg)).toEqual(JSON.parse(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.yml', version, diagnostics } })));
      // any other reader (a trace, the IPC transport) sees the same message
      expect(JSON.parse(JSON.stringify(msg))).toEqual(await decode(msg));
      // byte for byte what JSON.stringify writes (the parts are written into one buffer at their byte offsets)
      const bytes = Buffer.from(await jsonEncoder.encode(msg as never, { charset: 'utf-8' }));
      expect(bytes.equals(Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.yml', version, diagnostics } }), 'utf-8'))).toBe(true);
    }
  });

  test('with another charset than UTF-8, the diagnostics are re-encoded in it', async () => {
    const diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'é', severity: 1, code: 'a/b' }];
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: rawDiagnosticsParams('file:///a.yml', 1, Buffer.from(JSON.stringify(diagnostics))) };
    const bytes = Buffer.from(await jsonEncoder.encode(msg as never, { charset: 'latin1' }));
    // é is one byte in latin1 (two in UTF-8): the UTF-8 bytes were not copied as they are
    expect(bytes.equals(Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.yml', version: 1, diagnostics } }), 'latin1'))).toBe(true);
  });

  test('other messages are JSON.stringify', async () => {
    const msg = { jsonrpc: '2.0', id: 1, result: { items: [{ label: 'x', documentation: { kind: 'markdown', value: 'ü' } }] } };
    expect(await decode(msg)).toEqual(msg);
  });
});

describe('OutputMirror memory', () => {
  // the main thread keeps the outputs it decoded (their pieces parsed only when read); an output
  // must not keep the document's earlier outputs alive: a typing soak kept every version of a
  // 1,000-rule file's LSP text (0.8 MB each, 930 MB after 1,500 edits) through the lazy pieces
  test('an output left unread does not keep the outputs decoded before it', async () => {
    const mirror = new OutputMirror();
    const uri = 'file:///big.yml';
    const raw = JSON.stringify([{ code: 'a', range: { start: 1, end: 2 } }, { code: 'b', range: { start: 3, end: 4 } }]);
    const kept: object[] = [];
    const decoded: WeakRef<object>[] = [];
    const lastOf = () => (mirror as unknown as { last: Map<string, object> }).last.get(uri)!;
    // one whole output, then outputs of every kind that refers to the one before (order, same, shifted), none read
    mirror.decode(uri, true, { summary: '{"kind":"rules"}', raw, order: [1, 0], lsp: new Uint8Array(1000), signature: 's' });
    decoded.push(new WeakRef(lastOf()));
    for (let i = 0; i < 6; i++) {
      const e =
        i % 3 === 0
          ? { same: { summary: true as const, raw: true as const, signature: true as const }, order: [0, 1], lsp: new Uint8Array(1000).fill(i) }
          : i % 3 === 1
            ? { same: { summary: true as const, diagnostics: true as const, signature: true as const, lsp: true as const }, shifted: { from: 0, by: 1, raw: true as const } }
            : { summary: '{"kind":"rules"}', raw, diagnostics: '[]', lsp: new Uint8Array(1000).fill(i), signature: `s${i}` };
      const { props } = mirror.decode(uri, true, e);
      kept.push(Object.defineProperties({}, props));
      decoded.push(new WeakRef(lastOf()));
    }
    await collectGarbage();
    // every output but the newest is gone (what the kept props still need of them is their pieces, not them)
    expect(decoded.map((w) => w.deref() !== undefined)).toEqual([false, false, false, false, false, false, true]);
    // and the kept outputs still read right
    expect((kept[0] as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toEqual(['a', 'b']);
    expect((kept[1] as { raw: { range: { start: number } }[] }).raw.map((d) => d.range.start)).toEqual([2, 4]);
  });
});
