import { markedExternal } from '../../workspace/summary';
import { defineCheck } from '../define';

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
