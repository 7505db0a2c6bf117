/**
 * Renders the check docs (`docs/checks/<id>.md` and `docs/checks/README.md`) from the modules:
 * summary, severity, why, how to fix, options, examples with the output of actually running them,
 * and how to turn the check off. Used by `scripts/gen-docs.mjs` and by the test that keeps the
 * committed docs equal to the generated ones.
 */
import type { Diagnostic } from '../diagnostics/types';
import { LineIndex } from '../text/line-index';
import type { AnyCheck } from './define';
import { isRuleFileExample, runExample } from './examples';
import { PINT_ALIASES } from './registry';

function frame(src: string, d: Diagnostic): string {
  const idx = new LineIndex(src);
  const p = idx.positionAt(d.range.start);
  const e = idx.positionAt(Math.max(d.range.start, d.range.end));
  const line = idx.lineText(p.line);
  const width = Math.max(1, (e.line === p.line ? e.character : line.length) - p.character);
  const out = [`${p.line + 1}:${p.character + 1} ${d.severity} ${d.code}: ${d.message}`, `  ${line}`, `  ${' '.repeat(p.character)}${'^'.repeat(width)}`];
  for (const n of d.notes ?? []) {
    const at = n.range && !n.file ? idx.positionAt(n.range.start) : undefined;
    out.push(`  note${at ? ` (${at.line + 1}:${at.character + 1})` : ''}: ${n.message}`);
  }
  if (d.fix) {
    out.push(`  fix${d.fix.safe ? '' : ' (unsafe)'}: ${d.fix.description}`);
    const fixed = [...d.fix.edits].sort((x, y) => y.range.start - x.range.start).reduce((t, ed) => t.slice(0, ed.range.start) + ed.newText + t.slice(ed.range.end), src);
    const first = Math.min(...d.fix.edits.map((ed) => ed.range.start));
    out.push(`  fixed: ${new LineIndex(fixed).lineText(idx.positionAt(first).line).trim()}`);
  }
  return out.join('\n');
}

function block(src: string, lang: string): string {
  return '```' + lang + '\n' + src.replace(/\n$/, '') + '\n```';
}

function exampleMd(check: AnyCheck, src: string): string {
  const lang = isRuleFileExample(src) ? 'yaml' : 'promql';
  const ds = runExample(check, src, false);
  const out = ds.length ? ds.map((d) => frame(src, d)).join('\n') : '(no findings)';
  return `${block(src, lang)}\n\n${block(out, 'text')}`;
}

function pintNames(check: AnyCheck): string[] {
  return Object.entries(PINT_ALIASES).filter(([, ids]) => ids.includes(check.id)).map(([p]) => p);
}

function scopeText(check: AnyCheck): string {
  if (check.needsWorkspace) return 'the workspace pass (every rule file of the workspace together)';
  return check.scope === 'expr' ? 'every PromQL expression (rule `expr`, `.promql` files)' : `every ${check.scope} of a rule file`;
}

export function renderCheckDoc(check: AnyCheck): string {
  const lines: string[] = [];
  lines.push(`# ${check.id}`, '', `> Generated from \`packages/core/src/checks/${check.id}.ts\` by \`scripts/gen-docs.mjs\`; do not edit.`, '');
  lines.push(check.summary, '');
  const state = check.policy ? 'off until configured (team policy)' : check.enabledByDefault === false ? 'off by default' : 'on';
  lines.push(`- Default severity: **${check.severity}**`, `- Default state: ${state}`, `- Runs on: ${scopeText(check)}`);
  const pint = pintNames(check);
  if (pint.length) lines.push(`- pint aliases: ${pint.map((p) => `\`# pint disable ${p}\``).join(', ')}`);
  lines.push('', '## Why', '', check.why, '');
  if (check.howToFix) lines.push('## How to fix', '', check.howToFix, '');
  if (check.optionDocs && Object.keys(check.optionDocs).length) {
    lines.push('## Options', '', '| option | default | description |', '|---|---|---|');
    for (const [k, o] of Object.entries(check.optionDocs as Record<string, { description: string; default?: unknown }>)) lines.push(`| \`${k}\` | ${o.default === undefined ? '—' : `\`${JSON.stringify(o.default)}\``} | ${o.description} |`);
    lines.push('');
  }
  if (check.examples.options) lines.push('## Examples', '', 'With these options:', '', block(JSON.stringify(check.examples.options, null, 2), 'json'), '');
  else lines.push('## Examples', '');
  lines.push('### Reported', '');
  for (const s of check.examples.invalid) lines.push(exampleMd(check, s), '');
  lines.push('### Not reported', '');
  for (const s of check.examples.valid) lines.push(exampleMd(check, s), '');
  if (check.links?.length) lines.push('## See also', '', ...check.links.map((l) => `- <${l}>`), '');
  const opts = check.examples.options ?? (check.optionDocs ? check.defaults : undefined);
  const cfg = opts
    ? `checks:\n  ${check.id}:\n    level: ${check.severity}\n    options: ${JSON.stringify(opts)}`
    : `checks:\n  ${check.id}: ${check.policy || check.enabledByDefault === false ? check.severity : 'off'}`;
  lines.push('## Configuration', '', `In \`.promscope.yml\` (${check.policy ? 'a policy runs once its options are set' : check.enabledByDefault === false ? 'a level turns it on' : '`off` turns it off, a level re-levels it'}):`, '', block(cfg, 'yaml'), '');
  lines.push(`Inline: \`# promscope-disable-next-line ${check.id}\`.`, '');
  return lines.join('\n');
}

export function renderDocsIndex(checks: readonly AnyCheck[]): string {
  const lines = ['# promscope checks', '', '> Generated by `scripts/gen-docs.mjs`; do not edit.', '', 'Best-practice checks never report `error`: errors are reserved for what Prometheus itself refuses to load.', ''];
  const groups = new Map<string, AnyCheck[]>();
  for (const c of checks) {
    const g = c.id.split('/')[0];
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  for (const [g, cs] of groups) {
    lines.push(`## ${g}/`, '', '| check | severity | default | summary |', '|---|---|---|---|');
    for (const c of [...cs].sort((a, b) => a.id.localeCompare(b.id))) {
      const state = c.policy ? 'off until configured' : c.enabledByDefault === false ? 'off' : 'on';
      lines.push(`| [${c.id}](${c.id}.md) | ${c.severity} | ${state} | ${c.summary.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Every docs file: path relative to `docs/checks/` → content. */
export function renderAllDocs(checks: readonly AnyCheck[]): Map<string, string> {
  const m = new Map<string, string>();
  m.set('README.md', renderDocsIndex(checks));
  for (const c of checks) m.set(`${c.id}.md`, renderCheckDoc(c));
  return m;
}
