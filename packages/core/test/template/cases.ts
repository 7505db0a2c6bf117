/**
 * The template table: rule-template text → the error Prometheus reports (Go's message, the line
 * Go prints, and the culprit we point at). Valid templates have no `error`.
 *
 * Messages were checked against Prometheus's own parser: every case not marked `newerGo` gives
 * exactly this message from Debian's `promtool check rules` 2.42 (Go 1.19's text/template); the
 * `newerGo` ones follow Go ≥ 1.20/1.23 sources (Prometheus 3.x is built with a current Go).
 */
export interface TemplateCase {
  text: string;
  /** Go's bare message; absent for a valid template */
  error?: string;
  /** the substring the range must cover: a string (first occurrence) or [string, nth (1-based)] */
  at?: string | [string, number];
  /** the line Go prints; default 1 */
  line?: number;
  /** behaviour of current Go; promtool 2.42 (Go 1.19) prints something else */
  newerGo?: true;
}

export const VALID: TemplateCase[] = [
  { text: '' },
  { text: 'plain text, no actions' },
  { text: 'Instance {{ $labels.instance }} down' },
  { text: '{{ $value | humanize }}' },
  { text: '{{ printf "%.2f" $value }}%' },
  { text: '{{ humanizePercentage $value }} {{ humanize1024 $value }} {{ $value | humanizeDuration }}' },
  { text: '{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}' },
  { text: '{{ range $i, $x := query "up" }}{{ $x.Labels.job }}{{ end }}' },
  { text: '{{ if gt $value 0.5 }}high{{ else if gt $value 0.1 }}medium{{ else }}low{{ end }}' },
  { text: '{{ "}}" }}' },
  { text: '{{ `raw }} {{ string` }}' },
  { text: '{{ "a\\"b" }}' },
  { text: '{{- /* a comment with }} inside */ -}}' },
  { text: '{{/* multi\nline */}}' },
  { text: '{{ $labels.instance -}}\n  text {{- $value }}' },
  { text: "{{ 'a' }} {{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }} {{ '\\'' }}" },
  { text: '{{ 1 }} {{ -1.5 }} {{ 0x1F }} {{ 1_000 }} {{ 0b101 }} {{ 0o17 }} {{ 1e3 }} {{ 2i }} {{ 1+2i }} {{ 0x1p-2 }}' },
  { text: '{{-3}} {{- 3 -}}' },
  { text: '{{ printf "%s"\n   $labels.instance }}' },
  { text: '{{ range query "up" }}{{ if true }}{{ break }}{{ end }}{{ continue }}{{ end }}' },
  { text: '{{ define "x" }}hi{{ end }}{{ template "x" }}' },
  { text: '{{ block "x" . }}default{{ end }}' },
  { text: '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}' },
  { text: '{{ (index $labels "job") | toUpper }} {{ $externalLabels.cluster }} {{ $externalURL }}' },
  { text: '{{ .Labels.job }} {{ .Value }} {{ $.Labels.x }} {{ .ExternalURL }}' },
  { text: '{{ reReplaceAll "(.*):.*" "$1" $labels.instance | stripPort | stripDomain | title | toLower | toUpper }}' },
  { text: '{{ print nil true false }} {{ (.X).Y }} {{ $ }}' },
  { text: '{{ if and (eq $labels.a "x") (ne $labels.b "y") (not false) (or 1 2) }}{{ len $labels }} {{ index $labels "a" }}{{ end }}' },
  { text: '{{ urlquery "x" | html | js }} {{ slice "abc" 1 }} {{ println 1 }} {{ le 1 2 }} {{ lt 1 2 }} {{ ge 1 2 }} {{ call .F }}' },
  { text: '{{ with $x := . }}{{ $x }}{{ end }}{{ range $k, $v := $labels }}{{ $k }}={{ $v }}{{ else }}none{{ end }}' },
  { text: '{{ with .X }}a{{ else with .Y }}b{{ else }}c{{ end }}', newerGo: true },
  { text: '{{ toTime 1 }} {{ toDuration 1 }} {{ now }} {{ urlQueryEscape "a b" }} {{ parseDuration "1m" }}', newerGo: true },
  { text: '{{ graphLink "up" }} {{ tableLink "up" }} {{ pathPrefix }} {{ externalURL }} {{ args 1 2 }} {{ sortByLabel "a" (query "up") }}' },
  { text: '{{ match "a.*" "abc" }} {{ label "job" (first (query "up")) }} {{ strvalue (first (query "up")) }} {{ safeHtml "<b>" }}' },
  { text: '{{ humanizeTimestamp 0 }}\n\n{{ "multi" }}\n' },
  { text: 'é😀 {{ $labels.ünïcödé }}' },
];

export const INVALID: TemplateCase[] = [
  { text: '{{ humanizeFoo $value }}', error: 'function "humanizeFoo" not defined', at: 'humanizeFoo' },
  { text: '{{ $label.instance }}', error: 'undefined variable "$label"', at: '$label' },
  { text: '{{$this_is_wrong}}', error: 'undefined variable "$this_is_wrong"', at: '$this_is_wrong' },
  { text: '{{$labels.quantile * 100}}', error: 'unexpected "*" in operand', at: '*' },
  { text: '{{ .X }', error: 'unexpected "}" in operand', at: '}' },
  { text: '{{ .X', error: 'unclosed action', at: '{{' },
  { text: 'a\nb {{ .X\n', error: 'unclosed action started at __alert_Foo:2', at: '{{', line: 3 },
  { text: 'text {{ if .X }}yes', error: 'unexpected EOF', at: 'if' },
  { text: '{{ range . }}{{ with .X }}{{ end }}', error: 'unexpected EOF', at: 'range' },
  { text: '{{ end }}', error: 'unexpected {{end}}', at: '{{ end }}' },
  { text: 'x {{ else }}', error: 'unexpected {{else}}', at: '{{ else }}' },
  { text: '{{ if .X }}a{{ else }}b{{ else }}c{{ end }}', error: 'expected end; found {{else}}', at: ['{{ else }}', 2] },
  { text: '{{ }}', error: 'missing value for command', at: '{{ }}' },
  { text: '{{ if }}{{ end }}', error: 'missing value for if', at: '{{ if }}' },
  { text: '{{ .X | "a" }}', error: 'non executable command in pipeline stage 2', at: '"a"' },
  { text: '{{ .X | 1 | 2 }}', error: 'non executable command in pipeline stage 2', at: '1' },
  { text: '{{ "abc }}', error: 'unterminated quoted string', at: '"abc }}' },
  { text: '{{ `abc }}', error: 'unterminated raw quoted string', at: '`' },
  { text: "{{ 'ab' }}", error: "malformed character constant: 'ab'", at: "'ab'" },
  { text: "{{ '' }}", error: 'invalid syntax', at: "''" },
  { text: "{{ '\\\"' }}", error: 'invalid syntax', at: "'\\\"'" },
  { text: '{{ "\\q" }}', error: 'invalid syntax', at: '"\\q"' },
  { text: '{{ "\\xZZ" }}', error: 'invalid syntax', at: '"\\xZZ"' },
  { text: '{{ 089 }}', error: 'integer overflow: "089"', at: '089' },
  { text: '{{ 99999999999999999999 }}', error: 'integer overflow: "99999999999999999999"', at: '99999999999999999999' },
  { text: '{{ 1e400 }}', error: 'illegal number syntax: "1e400"', at: '1e400' },
  { text: '{{ 1__0 }}', error: 'illegal number syntax: "1__0"', at: '1__0' },
  { text: 'x {{.', error: 'illegal number syntax: "."', at: '.' },
  { text: '{{ 12abc }}', error: 'bad number syntax: "12a"', at: '12a' },
  { text: '{{ 1+2 }}', error: 'bad number syntax: "1+2"', at: '1+2' },
  { text: '{{ $x := 1 }}{{ $x$ }}', error: "bad character U+0024 '$'", at: ['$', 3] },
  { text: '{{.X-}}', error: "bad character U+002D '-'", at: '-' },
  { text: '{{ $labels.instance\u00a0}}', error: 'bad character U+00A0', at: '\u00a0' },
  { text: '{{ \u201cquoted\u201d }}', error: "unrecognized character in action: U+201C '\u201c'", at: '\u201c' },
  { text: '{{ (1 }}', error: 'unclosed left paren', at: '(' },
  { text: '{{ printf "%d" (len (index $labels "a") }}', error: 'unclosed left paren', at: '(' },
  { text: '{{ 1) }}', error: 'unexpected right paren', at: ')', newerGo: true },
  {
    text: '{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}',
    error: 'template: multiple definition of template "a"',
    at: ['"a"', 2],
  },
  {
    text: 'body {{ define "__alert_Foo" }}x{{ end }}',
    error: 'template: multiple definition of template "__alert_Foo"',
    at: '"__alert_Foo"',
  },
  { text: '{{ break }}', error: '{{break}} outside {{range}}', at: 'break' },
  { text: '{{ range . }}{{ else }}{{ continue }}{{ end }}', error: '{{continue}} outside {{range}}', at: 'continue' },
  { text: '{{ range . }}{{ break 1 }}{{ end }}', error: 'unexpected "1" in {{break}}', at: '1' },
  { text: '{{ define "x" }}{{ $labels.job }}{{ end }}', error: 'undefined variable "$labels"', at: '$labels' },
  { text: '{{ if .X }}{{ $y := 1 }}{{ end }}{{ $y }}', error: 'undefined variable "$y"', at: ['$y', 2] },
  { text: '{{ true.x }}', error: 'unexpected . after term "true"', at: 'true.x' },
  { text: '{{ "a".x }}', error: 'unexpected . after term "\\"a\\""', at: '"a".x' },
  { text: '{{ range $i, $x, $y := . }}{{ end }}', error: 'too many declarations in range', at: '$x,' },
  { text: '{{ with $x, $y := . }}{{ end }}', error: 'too many declarations in with', at: '$x,' },
  { text: '{{ range $i, 1 }}{{ end }}', error: 'range can only initialize variables', at: '1' },
  { text: '{{ template foo }}', error: 'unexpected "foo" in template clause', at: 'foo' },
  { text: '{{ template }}', error: 'unexpected "}}" in template clause', at: '}}' },
  { text: '{{ define x }}{{ end }}', error: 'unexpected "x" in define clause', at: 'x' },
  { text: '{{ block "b" }}{{ end }}', error: 'missing value for block clause', at: '{{ block "b" }}' },
  { text: '{{ $value : 1 }}', error: 'expected :=', at: ': ' },
  { text: '{{/* unclosed', error: 'unclosed comment', at: '{{/*' },
  { text: '{{/* c */ .X }}', error: 'comment ends before closing delimiter', at: '{{/* c */' },
  { text: 'a\nb\n{{ .Y', error: 'unclosed action', at: '{{', line: 3 },
  { text: '{{ else "abcdefghijkl" }}', error: 'unexpected "\\"abcdefghi"... in else', at: '"abcdefghijkl"' },
  { text: '{{ .X if }}', error: 'unexpected <if> in operand', at: 'if' },
  { text: '{{ if .X }}{{ define "a" }}{{ end }}{{ end }}', error: 'unexpected <define> in command', at: 'define' },
  { text: '{{ .X := 1 }}', error: 'unexpected ":=" in operand', at: ':=' },
  { text: 'é😀 {{ foo }}', error: 'function "foo" not defined', at: 'foo' },
  { text: 'line1\nline2 {{ $value }}\nline3 {{ $nope }}', error: 'undefined variable "$nope"', at: '$nope', line: 3 },
  { text: '{{ if .X }}a{{ else with .Y }}b{{ end }}', error: 'unexpected <with> in input', at: 'with', newerGo: true },
  { text: '{{ humanize $value }} {{ humanizeDurationX $value }}', error: 'function "humanizeDurationX" not defined', at: 'humanizeDurationX' },
];
