// Generated rule files for the scale benchmark (scripts/bench-scale.mjs) and the scale tests
// (packages/cli/test/robustness): varied recording and alerting rules, templates, labels, comments,
// and — in a known fraction of the files — an error that promtool also reports (a PromQL syntax
// error or an invalid duration), so that verdicts can be compared.
const METRICS = ['http_requests_total', 'node_cpu_seconds_total', 'process_resident_memory_bytes', 'up', 'go_goroutines', 'apiserver_request_duration_seconds_bucket'];
function rule(f, g, r) {
  const m = METRICS[(f + g + r) % METRICS.length];
  switch (r % 4) {
    case 0:
      return `  - record: job_f${f}_g${g}_r${r}:${m}:rate5m\n    expr: sum by (job) (rate(${m}{env="prod",shard="${r}"}[5m]))\n`;
    case 1:
      return `  - alert: High${m.replace(/_/g, '')}F${f}G${g}R${r}\n    expr: rate(${m}[5m]) > ${r}\n    for: 5m\n    labels:\n      severity: warning\n    annotations:\n      summary: "{{ $labels.instance }} has {{ $value | humanize }} on ${m}"\n`;
    case 2:
      return `  # a comment\n  - record: instance_f${f}_g${g}_r${r}:${m}:ratio\n    expr: |\n      sum without (cpu) (rate(${m}[1m]))\n        / on (instance) group_left\n      count without (cpu) (${m})\n`;
    default:
      return `  - alert: Absent${f}x${g}x${r}\n    expr: absent(${m}{job="j${r}"})\n    for: 10m\n    labels:\n      team: t${r % 7}\n`;
  }
}
/** One rule file with `groups` groups of `rules` rules; `broken` inserts one error promtool reports. */
export function ruleFile(f, groups, rules, broken = 'none') {
  let s = `# generated file ${f}\ngroups:\n`;
  for (let g = 0; g < groups; g++) {
    s += `- name: group_${f}_${g}\n  interval: 1m\n  rules:\n`;
    for (let r = 0; r < rules; r++) s += rule(f, g, r);
  }
  if (broken === 'promql') s += `- name: broken_${f}\n  rules:\n  - record: broken:f${f}\n    expr: sum(rate(x[5m])\n`;
  if (broken === 'duration') s += `- name: broken_${f}\n  rules:\n  - alert: Broken${f}\n    expr: up == 0\n    for: 5x\n`;
  return s;
}
/** which files of a generated workspace are broken, and how */
export const brokenKind = (f) => (f % 23 === 5 ? 'promql' : f % 37 === 11 ? 'duration' : 'none');

/**
 * The editor benchmark's rule file (scripts/bench-lsp.mjs, the language server's tests): `groups`
 * groups of `perGroup` rules, recording rules (all with one expression) and alerts reading them.
 */
export function editorRuleFile(groups, perGroup, head = 'groups:\n') {
  let s = head;
  for (let g = 0; g < groups; g++) {
    s += `  - name: group_${g}\n    rules:\n`;
    for (let r = 0; r < perGroup; r++) {
      const i = g * perGroup + r;
      if (i % 2 === 0) s += `      - record: job:http_requests_${i}:rate5m\n        expr: sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m]))\n        labels:\n          team: sre\n`;
      else s += `      - alert: HighErrorRate${i}\n        expr: |\n          job:http_requests_${i - 1}:rate5m\n            > 0.5\n        for: 10m\n        labels:\n          severity: page\n        annotations:\n          summary: "High error rate on {{ $labels.job }}"\n`;
    }
  }
  return s;
}
