#!/usr/bin/env python3
"""Writes the caret lines of the grammar tests from readable specs, so the columns are right.
Usage: python3 gen.py  (rewrites *.test.promql / *.test.yaml from the SPECS below)
A spec line is ('code line', [(substring, occurrence, 'scopes'), ...])."""
def carets(line, asserts, comment='#'):
    out = []
    for sub, occ, scopes in asserts:
        i = -1
        for _ in range(occ + 1):
            i = line.index(sub, i + 1)
        if i == 0:
            out.append(f"{comment} <{'-' * len(sub)} {scopes}")
        else:
            out.append(comment + ' ' * (i - len(comment)) + '^' * len(sub) + ' ' + scopes)
    return out

def write(path, header, spec, comment='#'):
    lines = [header]
    for code, asserts in spec:
        lines.append(code)
        lines.extend(carets(code, asserts, comment))
    open(path, 'w').write('\n'.join(lines) + '\n')

PROMQL = [
 ('sum by (job) (rate(http_requests_total{code=~"5..", job!="x"}[5m])) > 0.5', [
   ('sum', 0, 'keyword.operator.aggregation.promql'), ('by', 0, 'keyword.other.modifier.promql'), ('job', 0, 'entity.name.tag.label.promql'),
   ('rate', 0, 'support.function.promql'), ('http_requests_total', 0, 'variable.other.metric.promql'), ('code', 0, 'entity.name.tag.label.promql'),
   ('=~', 0, 'keyword.operator.matcher.promql'), ('"5.."', 0, 'string.quoted.double.promql'), ('!=', 0, 'keyword.operator.matcher.promql'),
   ('5m', 0, 'constant.numeric.duration.promql'), ('>', 0, 'keyword.operator.comparison.promql'), ('0.5', 0, 'constant.numeric.float.promql')]),
 ('histogram_quantile(0.99, sum without (pod) (rate(x_bucket[1m:30s] offset 1h)))', [
   ('histogram_quantile', 0, 'support.function.promql'), ('0.99', 0, 'constant.numeric.float.promql'), ('without', 0, 'keyword.other.modifier.promql'),
   ('pod', 0, 'entity.name.tag.label.promql'), ('1m', 0, 'meta.range.promql constant.numeric.duration.promql'), ('30s', 0, 'constant.numeric.duration.promql'),
   ('offset', 0, 'keyword.other.offset.promql'), ('1h', 0, 'constant.numeric.duration.promql')]),
 ('a / on (instance) group_left (team) b unless bool c @ start()', [
   ('/', 0, 'keyword.operator.arithmetic.promql'), ('on', 0, 'keyword.other.modifier.promql'), ('instance', 0, 'entity.name.tag.label.promql'),
   ('group_left', 0, 'keyword.other.modifier.promql'), ('team', 0, 'entity.name.tag.label.promql'), ('unless', 0, 'keyword.operator.set.promql'),
   ('bool', 0, 'keyword.other.bool.promql'), ('@', 0, 'keyword.other.at.promql'), ('start', 0, 'support.function.at-modifier.promql')]),
 ('my_custom_fn(x) # a comment', [('my_custom_fn', 0, 'entity.name.function.promql'), ('# a comment', 0, 'comment.line.number-sign.promql')]),
 ('label_replace(up, "dst", "$1", "src", "(.*)") == bool 1e3', [('label_replace', 0, 'support.function.promql'), ('"$1"', 0, 'string.quoted.double.promql'),
   ('==', 0, 'keyword.operator.comparison.promql'), ('1e3', 0, 'constant.numeric.float.promql')]),
]
E = 'meta.embedded.promql '
YAML = [
 ('groups:', []),
 ('  - name: g', []),
 ('    rules:', []),
 ('      - record: job:rate5m', [('job:rate5m', 0, '- meta.embedded.promql')]),
 ('        expr: sum by (job) (rate(http_requests_total[5m]))', [('expr', 0, 'entity.name.tag.yaml'), ('sum', 0, E + 'keyword.operator.aggregation.promql'),
   ('rate', 0, E + 'support.function.promql'), ('http_requests_total', 0, E + 'variable.other.metric.promql'), ('5m', 0, E + 'constant.numeric.duration.promql')]),
 ('      - alert: DoubleQuoted', []),
 ('        expr: "rate(errors_total{code=\\"500\\"}[5m]) > 0"', [('"', 0, 'punctuation.definition.string.begin.yaml'), ('rate', 0, E + 'support.function.promql'),
   ('code', 0, E + 'entity.name.tag.label.promql'), ('\\"500\\"', 0, E + 'string.quoted.double.promql'), ('5m', 0, E + 'constant.numeric.duration.promql'),
   ('>', 0, E + 'keyword.operator.comparison.promql'), ('"', 3, 'punctuation.definition.string.end.yaml')]),
 ('        for: 5m', [('5m', 0, '- meta.embedded.promql')]),
 ('      - alert: SingleQuoted', []),
 ("        expr: 'up{job=''node''} == 0'", [("'", 0, 'punctuation.definition.string.begin.yaml'), ('up', 0, E + 'variable.other.metric.promql'),
   ('job', 0, E + 'entity.name.tag.label.promql'), ("''node''", 0, E + 'string.quoted.single.promql'), ('==', 0, E + 'keyword.operator.comparison.promql'),
   ("'", 5, 'punctuation.definition.string.end.yaml')]),
 ('      - record: a:b', []),
 ('        expr: |', [('|', 0, 'keyword.control.flow.block-scalar.yaml')]),
 ('          sum without (pod) (', [('sum', 0, E + 'keyword.operator.aggregation.promql'), ('without', 0, E + 'keyword.other.modifier.promql')]),
 ('            irate(x[1m])', [('irate', 0, E + 'support.function.promql'), ('1m', 0, E + 'constant.numeric.duration.promql')]),
 ('          )', []),
 ('        labels:', [('labels', 0, '- meta.embedded.promql')]),
 ('          severity: page', [('severity', 0, '- meta.embedded.promql'), ('page', 0, '- meta.embedded.promql')]),
 ('      - expr: >-', [('expr', 0, 'entity.name.tag.yaml')]),
 ('          max_over_time(up[10m])', [('max_over_time', 0, E + 'support.function.promql')]),
 ('', []),
 ('          * on (instance) group_left node_uname_info', [('on', 0, E + 'keyword.other.modifier.promql'), ('group_left', 0, E + 'keyword.other.modifier.promql')]),
 ('        record: c:d', [('record', 0, '- meta.embedded.promql')]),
 ('    interval: 1m', [('interval', 0, '- meta.embedded.promql')]),
 ('description: "rate(x[5m]) is not an expr"', [('rate', 0, '- support.function.promql')]),
 ('summary: expr is not a key here', [('expr', 0, '- meta.embedded.promql')]),
]
write('basic.test.promql', '# SYNTAX TEST "source.promql" "PromQL basics"', PROMQL)
write('expr-in-yaml.test.yaml', '# SYNTAX TEST "source.yaml" "PromQL inside expr: in YAML rule files (plain, quoted, block scalars)"', YAML)

JSON = [
 ('{', []),
 ('  "panels": [{', []),
 ('    "targets": [{ "expr": "sum by (job) (rate(http_requests_total{code=\\"500\\"}[5m]))", "legendFormat": "rate(x)" }]', [
   ('sum', 0, E + 'keyword.operator.aggregation.promql'), ('rate', 0, E + 'support.function.promql'), ('code', 0, E + 'entity.name.tag.label.promql'),
   ('\\"500\\"', 0, E + 'string.quoted.double.promql'), ('5m', 0, E + 'constant.numeric.duration.promql'),
   ('rate', 1, '- meta.embedded.promql'), ('legendFormat', 0, 'support.type.property-name.json')]),
 ('  }]', []),
 ('}', []),
]
write('dashboard.test.json', '// SYNTAX TEST "source.json" "PromQL inside expr strings of dashboard JSON"', JSON, '//')
