#!/usr/bin/env node
// Records `promtool check config` verdicts (Debian's promtool 2.42) on the corpus configs into
// promtool-2.42-verdicts.json, for packages/core/test/config/promtool-side-by-side.test.ts.
// Usage: node test-fixtures/prometheus/record-promtool-verdicts.mjs   (from the repo root)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const corpus = path.resolve(process.cwd(), '../shared/corpus/config');
const out = {};
for (const sub of ['prometheus-testdata', 'prometheus-examples']) {
  for (const f of fs.readdirSync(path.join(corpus, sub)).sort()) {
    if (!f.endsWith('.yml')) continue;
    const rel = `${sub}/${f}`;
    let status = 'ok';
    let output = '';
    try {
      output = execFileSync('promtool', ['check', 'config', '--syntax-only', f], { cwd: path.join(corpus, sub), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      status = 'rejected';
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    out[rel] = { status, output: output.trim().split('\n').slice(0, 6).join('\n') };
  }
}
const version = execFileSync('promtool', ['--version'], { encoding: 'utf8' }).split('\n')[0];
fs.writeFileSync(path.join(process.cwd(), 'test-fixtures/prometheus/promtool-2.42-verdicts.json'), JSON.stringify({ version, files: out }, null, 1) + '\n');
console.log(`${Object.keys(out).length} files, ${Object.values(out).filter((v) => v.status === 'rejected').length} rejected by ${version}`);
