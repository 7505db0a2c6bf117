// End-to-end test of the VS Code extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1)
// driven through Debian's chromium by playwright-core. Everything heavy lives in the tool cache
// (extension/test/e2e/install-tools.sh, pinned versions), never in the pnpm workspace.
//
//   npx --yes pnpm@10 run e2e:vscode          (or: node scripts/e2e-vscode.mjs [--keep])
//
// Steps: build the VSIX (extension/scripts/vsix.mjs) → install it into a throw-away code-server
// (temp user-data and extensions dirs) → open a copy of extension/test/e2e/workspace → assert what a
// user sees. Every check runs even when an earlier one failed; the exit code is 1 when any failed.
// Screenshots: extension/test/e2e/artifacts/ (gitignored). Every process started (code-server and
// its children, chromium) is killed at the end, on failure and on SIGINT/SIGTERM too.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { toolsEnv } from '../extension/scripts/tools-env.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ext = path.join(root, 'extension');
const artifacts = path.join(ext, 'test/e2e/artifacts');
const keep = process.argv.includes('--keep');
const t0 = Date.now();
const ms = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (...a) => console.log(`[e2e ${ms()}]`, ...a);

// ---- tools -------------------------------------------------------------------------------------
const must = (r, what) => {
  if (r.status !== 0) {
    console.error(`e2e: ${what} failed (${r.status ?? r.signal})`);
    process.exit(2);
  }
};
must(spawnSync('bash', [path.join(ext, 'test/e2e/install-tools.sh')], { stdio: 'inherit' }), 'installing the e2e tools');
const env = toolsEnv();
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`e2e: ${chromiumPath} missing (apt-get install -y chromium)`);
  process.exit(2);
}
must(spawnSync(process.execPath, [path.join(ext, 'scripts/vsix.mjs')], { stdio: 'inherit' }), 'building the VSIX');
const vsix = path.join(ext, 'promscope.vsix');
const { chromium } = createRequire(path.join(env.PROMSCOPE_E2E_TOOLS, 'x.js'))('playwright-core');

// ---- throw-away code-server ------------------------------------------------------------------------
const tmp = mkdtempSync(path.join(os.tmpdir(), 'promscope-e2e-'));
const ud = path.join(tmp, 'ud');
const extDir = path.join(tmp, 'ext');
const ws = path.join(tmp, 'workspace');
cpSync(path.join(ext, 'test/e2e/workspace'), ws, { recursive: true });
mkdirSync(path.join(ud, 'User'), { recursive: true });
writeFileSync(
  path.join(ud, 'User/settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.enableExperiments': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      // the highlighting check is about the TextMate grammar: semantic tokens would recolour the tokens
      'editor.semanticHighlighting.enabled': false,
      'editor.minimap.enabled': false,
      'editor.hover.delay': 200,
      'files.autoSave': 'off',
      'workbench.colorTheme': 'Default Dark Modern',
    },
    null,
    2,
  ),
);
const nodeEnv = { ...process.env, PATH: `${env.PROMSCOPE_E2E_NODE24_BIN}:${process.env.PATH}` };
must(
  spawnSync(env.PROMSCOPE_E2E_CODE_SERVER, ['--user-data-dir', ud, '--extensions-dir', extDir, '--install-extension', vsix], { stdio: 'inherit', env: nodeEnv }),
  'code-server --install-extension',
);

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

let server;
let browser;
let cleaning;
/** kills code-server's process group first (synchronously), then closes chromium; idempotent */
function cleanup() {
  cleaning ??= (async () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
    }
    try {
      await browser?.close();
    } catch {}
    if (server?.pid) {
      await new Promise((r) => setTimeout(r, 500));
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void cleanup().then(() => process.exit(130)));

const port = await freePort();
const serverLog = [];
server = spawn(
  env.PROMSCOPE_E2E_CODE_SERVER,
  ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', ud, '--extensions-dir', extDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: nodeEnv },
);
await new Promise((resolve, reject) => {
  const on = (d) => {
    serverLog.push(String(d));
    if (serverLog.join('').includes('HTTP server listening')) resolve();
  };
  server.stdout.on('data', on);
  server.stderr.on('data', on);
  server.on('exit', (c) => reject(new Error(`code-server exited ${c}\n${serverLog.join('')}`)));
  setTimeout(() => reject(new Error(`code-server did not start in 60 s\n${serverLog.join('')}`)), 60_000);
}).catch(async (e) => {
  console.error(e.message);
  await cleanup();
  process.exit(2);
});
log(`code-server listening on ${port}`);
// for .ci/run's trap: the process group to kill should this script itself be killed hard
if (process.env.PROMSCOPE_E2E_PIDFILE) writeFileSync(process.env.PROMSCOPE_E2E_PIDFILE, `${server.pid}\n`);

// ---- the checks ------------------------------------------------------------------------------------
mkdirSync(artifacts, { recursive: true });
const results = [];
let page;
async function check(name, fn) {
  const s = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true, detail, s: (Date.now() - s) / 1000 });
    log(`PASS ${name}${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    results.push({ name, ok: false, detail: e.message.split('\n')[0], s: (Date.now() - s) / 1000 });
    log(`FAIL ${name}: ${e.message}`);
    await page?.screenshot({ path: path.join(artifacts, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    await page?.keyboard.press('Escape').catch(() => {});
  }
}
const eq = (actual, expected, what) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
};

/** the rendered editor line containing `needle` (monaco renders lines out of order: found by text) */
const lineText = (needle) =>
  page.evaluate((n) => [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).find((t) => t.includes(n)) ?? null, needle);
/** the span of the rendered line containing `needle` whose text is exactly `token` */
async function tokenBox(needle, token, nth = 0) {
  const box = await page.evaluate(
    ([n, t, k]) => {
      const line = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(n));
      if (!line) return null;
      const spans = [...line.querySelectorAll('span > span')].filter((s) => s.textContent.replace(/\u00a0/g, ' ') === t);
      const s = spans[k];
      if (!s) return null;
      const r = s.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, cls: s.className };
    },
    [needle, token, nth],
  );
  if (!box) throw new Error(`token ${JSON.stringify(token)} not rendered on the line with ${JSON.stringify(needle)}`);
  return box;
}
async function openFile(name) {
  const tab = page.locator(`.tabs-container .tab[aria-label*="${name}"]`);
  if ((await tab.count()) > 0) await tab.first().click();
  else {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(name);
    const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 15_000 });
  await page.waitForSelector('.editor-instance .monaco-editor .view-line', { timeout: 15_000 });
}
async function gotoLine(line, col) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
  // the cursor is there and the editor has the keyboard again (a key pressed while the quick input
  // is still closing is lost: on a loaded machine that takes longer than any fixed pause)
  await page.waitForFunction(
    (ln) =>
      !![...document.querySelectorAll('.statusbar-item')].find((s) => s.textContent.trim().startsWith(`Ln ${ln}, Col `)) &&
      !!document.activeElement?.closest('.editor-instance .monaco-editor') &&
      ![...document.querySelectorAll('.quick-input-widget')].some((w) => w.offsetParent !== null && getComputedStyle(w).display !== 'none'),
    line,
    { timeout: 10_000 },
  );
}
/**
 * Ctrl+. at the cursor until the code action menu shows, within `timeout`. `gotoLine` waits for the
 * editor's focus (without that wait, one loaded run in two lost the key); should a press still be
 * lost, it is logged and pressed again: what the menu offers is what the checks assert.
 */
async function quickFixMenu(timeout, what) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.keyboard.press('Control+.');
    const shown = await page
      .waitForSelector('.action-widget .monaco-list-row', { timeout: Math.max(1, Math.min(3_000, deadline - Date.now())) })
      .then(() => true, () => false);
    if (shown) return;
    console.log(`[e2e] no code action menu 3 s after Ctrl+.: pressed again (${what.slice(0, 40)}...)`);
    if (Date.now() >= deadline) throw new Error(what);
  }
}
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill('>' + title);
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}
const cursorPos = () => page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent({ timeout: 5000 });

let ok = false;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  log('workbench loaded');

  await check('extension activates and starts the server', async () => {
    await openFile('errors.rules.yml');
    const item = page.locator('.statusbar-item', { hasText: 'Prometheus latest' });
    await item.waitFor({ timeout: 60_000 });
    return (await item.first().textContent()).trim();
  });

  // the rule file with known errors: exactly these problems, at these positions (= promscope check)
  const expectedProblems = [
    // Prometheus's first error (its parser meets `by` before its lexer the unclosed parenthesis)
    { line: 10, col: 49, text: 'group "api", rule 3, "BrokenExpr": could not parse expression: parse error: unexpected <by> in aggregation' },
    { line: 13, col: 15, text: 'group "api", rule 4, "UnknownFunction": could not parse expression: parse error: unknown function with name "rates"' },
  ];
  await check('squiggles in the editor', async () => {
    await page.waitForFunction((n) => document.querySelectorAll('.editor-instance .monaco-editor .squiggly-error').length >= n, 2, { timeout: 60_000 });
    const n = await page.locator('.editor-instance .monaco-editor .squiggly-error').count();
    await page.screenshot({ path: path.join(artifacts, 'diagnostics.png') });
    return `${n} error squiggles`;
  });
  await check('Problems panel entries (messages and positions)', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30_000 });
    await page.waitForFunction((n) => document.querySelectorAll('.markers-panel .monaco-list-row .marker-message-details, .markers-panel .monaco-list-row[aria-label]').length > n, expectedProblems.length, { timeout: 30_000 });
    const rows = await page.$$eval('.markers-panel .monaco-list-row', (rs) => rs.map((r) => ({ aria: r.getAttribute('aria-label') ?? '', text: r.textContent ?? '' })));
    const problems = rows.filter((r) => /\[Ln \d+, Col \d+\]/.test(r.text));
    const got = problems.map((r) => {
      const m = /\[Ln (\d+), Col (\d+)\]/.exec(r.text);
      return { line: Number(m[1]), col: Number(m[2]), text: r.text };
    });
    // exact message, then the source and code (promscope(promql/syntax)), then the position
    const missing = expectedProblems.filter((e) => !got.some((g) => g.line === e.line && g.col === e.col && g.text.startsWith(e.text) && /^\s*promscope\s*\(?promql\/syntax\)?/.test(g.text.slice(e.text.length))));
    if (missing.length) throw new Error(`missing Problems entries ${JSON.stringify(missing)}; panel shows ${JSON.stringify(got.map((g) => g.text))}`);
    // the Prometheus-exact errors on the broken lines (best-practice infos may sit there too)
    const errorsOnly = got.filter((g) => [10, 13].includes(g.line) && /promql\/syntax/.test(g.text));
    eq(errorsOnly.length, expectedProblems.length, 'number of problems on the broken lines');
    await page.screenshot({ path: path.join(artifacts, 'problems-panel.png') });
    await page.keyboard.press('Control+Shift+M');
    return got.map((g) => `Ln ${g.line} Col ${g.col}`).join(', ');
  });

  await check('PromQL highlighting inside a quoted expr:', async () => {
    const needle = 'up{job=~';
    await page.waitForFunction((n) => [...document.querySelectorAll('.view-line')].some((l) => l.textContent.includes(n)), needle, { timeout: 10_000 });
    const classes = await page.evaluate((n) => {
      const line = [...document.querySelectorAll('.editor-instance .view-line')].find((l) => l.textContent.includes(n));
      return [...line.querySelectorAll('span > span')].map((s) => [s.textContent.replace(/\u00a0/g, ' '), s.className]);
    }, needle);
    const cls = (t) => classes.find(([text]) => text.trim() === t)?.[1];
    const quote = classes.find(([text]) => text.trim().startsWith('"'))?.[1];
    const metric = cls('up');
    const op = cls('==');
    const num = cls('0');
    const label = cls('job');
    if (!metric || !op || !num || !label) throw new Error(`expr not split into PromQL tokens: ${JSON.stringify(classes)}`);
    if (new Set([quote, metric, op, num]).size < 3) throw new Error(`PromQL tokens share the YAML string colour: ${JSON.stringify(classes)}`);
    return `tokens ${JSON.stringify(classes.map(([t, c]) => `${t}:${c}`))}`;
  });

  await check('hover on a function', async () => {
    const b = await tokenBox('sum by (job) (rate(http_requests_total[5m]))', 'rate');
    await page.mouse.move(b.x + b.w / 2, b.y + b.h / 2);
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].some((h) => h.offsetParent !== null && /rate\(/.test(h.textContent)), null, { timeout: 20_000 });
    const text = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover')].filter((h) => h.offsetParent !== null).map((h) => h.textContent).join(' | '));
    if (!/per-second/i.test(text)) throw new Error(`hover does not document rate(): ${text.slice(0, 300)}`);
    await page.screenshot({ path: path.join(artifacts, 'hover.png') });
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    return text.slice(0, 120);
  });

  await check('quick fix applied', async () => {
    const before = await lineText('up{job=~');
    eq(before?.trim(), 'expr: "up{job=~\\"^api$\\"} == 0"', 'line 7 before the fix');
    await gotoLine(7, 26);
    await quickFixMenu(15_000, 'no code action offered at Ln 7, Col 26: expected the fix "remove the anchors" of the promql/regex-anchors diagnostic ("`^` and `$` are redundant: Prometheus anchors label regexes itself.")');
    const items = await page.$$eval('.action-widget .monaco-list-row', (rs) => rs.map((r) => r.textContent.trim()));
    const fix = items.findIndex((t) => /anchor/i.test(t));
    if (fix < 0) throw new Error(`no quick fix removing the anchors; offered: ${JSON.stringify(items)}`);
    await page.screenshot({ path: path.join(artifacts, 'quick-fix.png') });
    await page.locator('.action-widget .monaco-list-row').nth(fix).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ').includes('up{job=~\\"api\\"}')), null, { timeout: 10_000 });
    const after = await lineText('up{job=~');
    eq(after?.trim(), 'expr: "up{job=~\\"api\\"} == 0"', 'line 7 after the fix');
    return `${items[fix]} → ${after.trim()}`;
  });

  await check('go to definition of a recording rule in another file', async () => {
    await openFile('uses.rules.yml');
    const b = await tokenBox('expr: job:http_requests:rate5m > 100', 'job:http_requests:rate5m');
    await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
    await page.keyboard.press('F12');
    await page.waitForSelector('.tab.active[aria-label*="errors.rules.yml"]', { timeout: 20_000 });
    // the cursor moves to the definition once the editor has shown the file: waited for (a loaded
    // machine takes longer than a fixed pause), then read
    await page
      .waitForFunction(() => /^Ln 4, Col \d+/.test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent.trim() ?? ''), null, { timeout: 10_000 })
      .catch(() => {});
    const pos = (await cursorPos())?.trim();
    if (!/^Ln 4, Col \d+/.test(pos ?? '')) throw new Error(`cursor after F12 is at ${pos}, expected line 4 (record: job:http_requests:rate5m)`);
    return `errors.rules.yml ${pos}`;
  });

  // README screenshot: the broken rule file, its squiggles and the Problems panel
  await openFile('errors.rules.yml').catch(() => {});
  await page.keyboard.press('Control+Shift+M').catch(() => {});
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(artifacts, 'screenshot.png') });
  await page.keyboard.press('Control+Shift+M').catch(() => {});

  await check('completion after typing rate( inside an expr:', async () => {
    await openFile('uses.rules.yml');
    await gotoLine(12, 200); // end of `expr: sum by (job) (rate(http_errors_total[5m]))`
    await page.keyboard.type(' / sum by (job) (rate(');
    await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 20_000 });
    // the list fills in as the answer comes: the workspace metric waited for (else reported below)
    await page
      .waitForFunction(() => [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].some((r) => /http_requests_total/.test(r.getAttribute('aria-label') ?? r.textContent)), null, { timeout: 10_000 })
      .catch(() => {});
    const labels = await page.$$eval('.suggest-widget.visible .monaco-list-row', (rs) => rs.map((r) => r.getAttribute('aria-label') ?? r.textContent));
    if (!labels.some((l) => /http_requests_total/.test(l))) throw new Error(`completion list lacks the workspace metric http_requests_total: ${JSON.stringify(labels.slice(0, 15))}`);
    await page.screenshot({ path: path.join(artifacts, 'completion.png') });
    await page.keyboard.press('Escape');
    return `${labels.length} items, e.g. ${labels.slice(0, 4).join(' | ')}`;
  });


  await check('quick fix "disable for this line" applied', async () => {
    await openFile('errors.rules.yml');
    const squiggles = await page.locator('.editor-instance .monaco-editor .squiggly-error').count();
    await gotoLine(13, 16);
    await quickFixMenu(15_000, 'no code action offered at Ln 13, Col 16: expected "Disable promql/syntax for this line"');
    const items = await page.$$eval('.action-widget .monaco-list-row', (rs) => rs.map((r) => r.textContent.trim()));
    const fix = items.findIndex((t) => /disable .*promql\/syntax.* for this line/i.test(t));
    if (fix < 0) throw new Error(`no "Disable promql/syntax for this line" action; offered: ${JSON.stringify(items)}`);
    await page.locator('.action-widget .monaco-list-row').nth(fix).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.view-line')].some((l) => l.textContent.includes('promscope-disable-next-line')), null, { timeout: 10_000 });
    const comment = (await lineText('promscope-disable-next-line')).trim();
    if (!/^# promscope-disable-next-line promql\/syntax\b/.test(comment)) throw new Error(`inserted line: ${comment}`);
    await page.waitForFunction((n) => document.querySelectorAll('.editor-instance .monaco-editor .squiggly-error').length < n, squiggles, { timeout: 20_000 });
    return `${items[fix]} → ${comment}; squiggles ${squiggles} → ${await page.locator('.editor-instance .monaco-editor .squiggly-error').count()}`;
  });
  await check('command: explain relabeling for this job', async () => {
    await openFile('prometheus.yml');
    await gotoLine(4, 20);
    await runCommand('promscope: Explain Relabeling for This Job');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('{__address__="10.0.0.7:8080", __meta_kubernetes_pod_label_app="api"}');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab[aria-label*="relabel pods.txt"]', { timeout: 15_000 });
    const want = ['result: scrape http://10.0.0.7:8080/metrics', 'app="api"'];
    await page.waitForFunction((w) => { const t = [...document.querySelectorAll('.view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n'); return w.every((x) => t.includes(x)); }, want, { timeout: 15_000 });
    await page.screenshot({ path: path.join(artifacts, 'relabel.png') });
    return (await lineText('target labels:'))?.trim();
  });

  await check('serves Prometheus YAML by content, leaves other YAML alone', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Prometheus latest' });
    await openFile('deployment.yaml');
    await page.waitForTimeout(1500);
    if (await item.isVisible()) throw new Error('status bar item shown for k8s/deployment.yaml (a plain Kubernetes manifest)');
    const sq = await page.locator('.editor-instance .monaco-editor .squiggly-error').count();
    eq(sq, 0, 'squiggles in deployment.yaml');
    await openFile('slo-manifest.yaml');
    await item.waitFor({ timeout: 15_000 });
    await page.waitForSelector('.editor-instance .monaco-editor .squiggly-error', { timeout: 30_000 });
    return 'k8s/slo-manifest.yaml (kind: PrometheusRule) served, k8s/deployment.yaml not';
  });

  await check('command: rule dependency graph webview', async () => {
    await runCommand('promscope: Show Rule Dependency Graph');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      for (const f of page.frames()) {
        const summary = await f.locator('#summary').textContent({ timeout: 200 }).catch(() => null);
        if (summary) {
          const nodes = await f.locator('svg .node').count();
          const edges = await f.locator('svg .edge').count();
          eq(summary.trim(), '7 rules in 3 file(s); 0 cycle(s); 0 recorded metric(s) used but never recorded.', 'graph summary');
          if (edges < 1) throw new Error('no dependency edge (HighRequestRate reads job:http_requests:rate5m)');
          await page.screenshot({ path: path.join(artifacts, 'rule-graph.png') });
          return `${nodes} nodes, ${edges} edges`;
        }
      }
      await page.waitForTimeout(300);
    }
    throw new Error('the graph webview did not show up');
  });

  await check('status bar: change the target Prometheus version', async () => {
    await openFile('errors.rules.yml');
    await page.locator('.statusbar-item', { hasText: 'Prometheus latest' }).first().click();
    const row = page.locator('.quick-input-list .monaco-list-row[aria-label*="2.53"]').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.locator('.statusbar-item', { hasText: 'Prometheus 2.53' }).first().waitFor({ timeout: 10_000 });
    const saved = JSON.parse(readFileSync(path.join(ws, '.vscode/settings.json'), 'utf8'));
    eq(saved['promscope.prometheusVersion'], '2.53', 'workspace setting written');
    return 'status bar shows "Prometheus 2.53"; .vscode/settings.json updated';
  });

  await check('server restarted after a crash, with a notice', async () => {
    const servers = () =>
      spawnSync('ps', ['-o', 'pid=,args=', '-g', String(server.pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((l) => l.includes('dist/server.mjs'))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
    const before = servers();
    if (before.length !== 1) throw new Error(`expected one language server process, found ${JSON.stringify(before)}`);
    process.kill(before[0], 'SIGKILL');
    await page.waitForFunction(() => [...document.querySelectorAll('.notification-toast, .notifications-center')].some((t) => t.textContent.includes('stopped unexpectedly and was restarted')), null, { timeout: 20_000 });
    // the new server serves the open documents again: hover answers
    await page.keyboard.press('Escape');
    await openFile('errors.rules.yml');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const b = await tokenBox('sum by (job) (rate(http_requests_total[5m]))', 'rate');
      await page.mouse.move(b.x + b.w / 2, b.y + b.h / 2);
      const seen = await page
        .waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].some((h) => h.offsetParent !== null && /per-second/i.test(h.textContent)), null, { timeout: 3000 })
        .then(() => true, () => false);
      if (seen) break;
      if (Date.now() > deadline) throw new Error('no hover from the restarted server');
      await page.mouse.move(5, 400);
    }
    const after = servers();
    if (after.length !== 1 || after[0] === before[0]) throw new Error(`language server processes after the restart: ${JSON.stringify(after)}`);
    return `killed ${before[0]}, new server ${after[0]}`;
  });

  ok = results.every((r) => r.ok);
} catch (e) {
  console.error(`e2e: ${e.stack ?? e}`);
  await page?.screenshot({ path: path.join(artifacts, 'fail.png') }).catch(() => {});
} finally {
  await cleanup();
}
writeFileSync(path.join(artifacts, 'results.json'), JSON.stringify({ ok, seconds: (Date.now() - t0) / 1000, results }, null, 2));
console.log('\nVS Code e2e (code-server 4.139.1 / VS Code 1.139.1):');
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.s.toFixed(1)}s)${r.ok ? '' : `: ${r.detail}`}`);
console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length} failed in ${ms()}; artifacts in ${path.relative(root, artifacts)}`);
process.exit(ok && results.length === 14 ? 0 : 1);
