import { defineCheck } from '../define';

/** `# promscope: used-externally` on the rule's line or the line above marks a rule read by dashboards etc. */
function markedExternal(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const prevStart = text.lastIndexOf('\n', Math.max(0, lineStart - 2)) + 1;
  const window = text.slice(lineStart > 0 ? prevStart : lineStart, lineEnd < 0 ? text.length : lineEnd);
  return /#\s*promscope:?\s*used-externally/.test(window);
}

export default defineCheck({
  id: 'rules/unused-recording-rule',
  severity: 'info',
  scope: 'file',
  needsWorkspace: true,
  enabledByDefault: false,
  summary: 'A recording rule that no rule in the workspace reads (off by default).',
  why: 'Every recorded series costs storage and evaluation time. A rule nobody reads is often a leftover. Dashboards and other systems read recorded series too, which promscope cannot see: mark those with a `# promscope: used-externally` comment on or above the `record:` line. Off by default; turn it on in `.promscope.yml`.',
  howToFix: 'Delete the rule, or mark it `# promscope: used-externally`.',
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      # promscope: used-externally (dashboards)\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n'],
  },
  run(ctx) {
    const g = ctx.env.graph;
    for (const n of g.byFile.get(ctx.file.path) ?? []) {
      if (n.kind !== 'record') continue;
      if ((g.users.get(n.name) ?? []).some((u) => u.id !== n.id)) continue;
      if (markedExternal(ctx.file.text, n.nameRange.start)) continue;
      ctx.report({ range: n.nameRange, message: `No rule in the workspace reads \`${n.name}\` (mark it \`# promscope: used-externally\` if dashboards do).` });
    }
  },
});
