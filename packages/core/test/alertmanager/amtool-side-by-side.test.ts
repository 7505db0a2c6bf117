/**
 * Side by side with Debian's `amtool check-config` (Alertmanager 0.25) on the corpus and the
 * fixtures: every file amtool rejects, promscope rejects, unless amtool's only complaint comes
 * from being older than the Alertmanager promscope follows (fields added since 0.25, which the
 * newest Alertmanager's schema has). Files promscope rejects and amtool accepts are listed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../src/alertmanager/decode';
import { analyzeAlertmanagerConfig } from '../../src/alertmanager/index';
import { CONFIG } from '../../src/alertmanager/schema';

const corpus = path.resolve(process.cwd(), '../shared/corpus/alertmanager');
const fixtures = path.resolve(process.cwd(), 'test-fixtures/alertmanager');
const files = [
  ...readdirSync(path.join(corpus, 'testdata')).map((f) => path.join(corpus, 'testdata', f)),
  ...readdirSync(path.join(corpus, 'examples')).map((f) => path.join(corpus, 'examples', f)),
  ...readdirSync(fixtures).filter((f) => f.endsWith('.yml')).map((f) => path.join(fixtures, f)),
];

/** every field name of the newest schema */
function schemaFields(t: FieldType, out = new Set<string>(), seen = new Set<object>()): Set<string> {
  if (typeof t === 'string' || seen.has(t)) return out;
  seen.add(t);
  if ('fields' in t) for (const [k, v] of Object.entries(t.fields)) (out.add(k), schemaFields(v, out, seen));
  else if ('list' in t) schemaFields(t.list, out, seen);
  else schemaFields(t.map, out, seen);
  return out;
}
const newestFields = schemaFields(CONFIG);

/** amtool 0.25 messages that only reflect its age (global telegram_bot_token came later) */
const OLDER_VERSION_MESSAGES = ['missing bot_token on telegram_config'];

function amtool(file: string): { ok: boolean; messages: string[] } {
  const r = spawnSync('amtool', ['check-config', file], { encoding: 'utf8' });
  if (r.error) throw new Error(`amtool is needed for this test: ${r.error.message}`);
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim());
  const messages = lines.filter((l) => /^line \d+: /.test(l)).map((l) => l.replace(/^line \d+: /, ''));
  const failed = /FAILED: (.*)$/m.exec(`${r.stdout}\n${r.stderr}`)?.[1]?.trim();
  if (failed && !failed.startsWith('yaml: unmarshal errors')) messages.push(failed);
  return { ok: r.status === 0, messages };
}

function onlyAgeDifferences(messages: string[]): boolean {
  return (
    messages.length > 0 &&
    messages.every((m) => {
      const unknown = /^field (\S+) not found in type /.exec(m);
      if (unknown) return newestFields.has(unknown[1]);
      return OLDER_VERSION_MESSAGES.includes(m);
    })
  );
}

describe('promscope vs amtool check-config', () => {
  it('rejects every file amtool rejects (except amtool-is-older cases)', () => {
    const missed: string[] = [];
    const more: string[] = [];
    let rejectedByAmtool = 0;
    for (const f of files) {
      const a = amtool(f);
      const errs = analyzeAlertmanagerConfig({ path: f, text: readFileSync(f, 'utf8') }).diagnostics.filter((d) => d.severity === 'error');
      const rel = path.relative(process.cwd(), f);
      if (!a.ok) {
        rejectedByAmtool++;
        if (errs.length === 0 && !onlyAgeDifferences(a.messages)) missed.push(`${rel}: amtool says ${JSON.stringify(a.messages)}`);
      } else if (errs.length > 0) {
        more.push(`${rel}: ${errs.map((d) => d.message).join('; ')}`);
      }
    }
    console.log(`amtool rejects ${rejectedByAmtool}/${files.length} files; promscope misses ${missed.length}; promscope rejects ${more.length} more:`);
    for (const m of more) console.log(`  more: ${m}`);
    expect(rejectedByAmtool).toBeGreaterThan(20);
    expect(missed).toEqual([]);
  });
});
