/**
 * A burst of edits across many open rule files (no debounce, nothing awaited between edits): some
 * rename recorded metrics other files read, some break the YAML. Jobs of superseded texts are
 * dropped and the pass over every file is deferred and coalesced (diagnostics.ts): once the server
 * settles, every file must carry exactly what `promscope check` reports for the final texts,
 * workspace findings (undefined recorded metrics, unused recording rules, cycles) included.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt } from './support/ensure-built';
import { LspClient } from './support/lsp-client';
import { REPO_ROOT } from './support/workspace';
import { prng } from '../../core/test/support/prng';

const SEVERITY = ['', 'error', 'warning', 'info'];
const lspKey = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY[d.severity ?? 1]} ${String(d.code)} ${(typeof d.message === 'string' ? d.message : d.message.value).split('\n')[0]}`;
const cliKey = (f: { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }) =>
  `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.code} ${f.message.split('\n')[0]}`;

/** file i records job:m<i>:sum, reads the one of file i-1 (file 0 reads the last one's: a cycle through all) */
function ruleText(i: number, n: number, suffix: string[]): string {
  const prev = (i + n - 1) % n;
  return (
    'groups:\n' +
    `  - name: g${i}\n    rules:\n` +
    `      - record: job:m${i}:sum${suffix[i]}\n        expr: sum by (job) (job:m${prev}:sum${i === 0 ? '' : suffix[prev]})\n` +
    `      - alert: High${i}\n        expr: job:m${prev}:sum > ${i}\n        for: 5m\n` +
    `  - name: h${i}\n    rules:\n` +
    `      - record: job:n${i}:sum\n        expr: sum by (job) (rate(x_total[5m]))\n`
  );
}

describe('a burst of edits across files', () => {
  let client: LspClient | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await client?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('ends with the CLI diagnostics of every final text, workspace findings included', async () => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-burst-'));
    mkdirSync(path.join(dir, 'rules'));
    const N = 12;
    const suffix = Array.from({ length: N }, () => '');
    const files = Array.from({ length: N }, (_, i) => path.join(dir!, 'rules', `f${i}.yml`));
    const texts = files.map((_, i) => ruleText(i, N, suffix));
    files.forEach((f, i) => writeFileSync(f, texts[i]!));
    const uris = files.map((f) => pathToFileURL(f).href);
    client = await LspClient.start({ root: dir, settings: { debounceMs: 0 } });
    for (let i = 0; i < N; i++) await client.open(uris[i]!, texts[i]!);
    for (const u of uris) await client.diagnosticsFor(u);

    const rnd = prng(20261126);
    const versions = uris.map(() => 1);
    for (let e = 0; e < 240; e++) {
      const i = Math.floor(rnd() * N);
      const r = rnd();
      if (r < 0.3) {
        // rename the recorded metric (its user in the next file keeps the old name, or follows)
        suffix[i] = suffix[i] ? '' : 'x';
        texts[i] = ruleText(i, N, suffix);
        if (rnd() < 0.5) texts[(i + 1) % N] = ruleText((i + 1) % N, N, suffix);
      } else {
        // any small edit: a threshold, a quote that breaks the YAML, a character deleted
        const t = texts[i]!;
        const at = Math.floor(rnd() * t.length);
        const ins = ['1', '"', ':', ' ', '', 'x', '\n'][Math.floor(rnd() * 7)]!;
        texts[i] = t.slice(0, at) + ins + t.slice(at + (ins === '' || rnd() < 0.3 ? 1 : 0));
      }
      for (const k of r < 0.3 ? [i, (i + 1) % N] : [i]) {
        if (k !== i && texts[k] === undefined) continue;
        versions[k] = await client.change(uris[k]!, [{ text: texts[k]! }]);
      }
    }
    // the truth: `promscope check` over the final texts
    files.forEach((f, i) => writeFileSync(f, texts[i]!));
    const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'packages/cli/bin/promscope.js'), 'check', 'rules', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const findings = JSON.parse(cli.stdout) as (Parameters<typeof cliKey>[0] & { file: string })[];
    const expected = uris.map((_, i) => findings.filter((f) => path.resolve(dir!, f.file) === files[i]).map(cliKey).sort());
    expect(expected.flat().some((k) => k.includes('rules/undefined-recorded-metric') || k.includes('rules/dependency-cycle'))).toBe(true);
    const got = () => uris.map((u) => (client!.diagnostics.get(u)?.diagnostics ?? []).map(lspKey).sort());
    // every final version published, and (the deferred pass done) every file's diagnostics the CLI's
    await client
      .until(() => uris.every((u, i) => client!.diagnostics.get(u)?.version === versions[i]) && JSON.stringify(got()) === JSON.stringify(expected), 20_000, 'the CLI diagnostics on every file')
      .catch(() => undefined);
    expect(uris.map((u) => client!.diagnostics.get(u)?.version)).toEqual(versions);
    expect(got()).toEqual(expected);
  }, 60_000);
});
