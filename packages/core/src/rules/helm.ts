/**
 * Recognises files that are templates (Helm charts, Go-templated manifests) rather than YAML, so
 * that they are skipped with one `info` instead of a cascade of false errors.
 *
 * Two signals: Helm's own vocabulary in an action (`.Values`, `.Release`, `include`, `toYaml`...),
 * which never occurs in Prometheus's alert templates; and, for files whose YAML does not parse, a
 * line that is nothing but an action (`{{- if ... }}`). Prometheus's `{{ $labels.x }}` inside
 * annotation strings counts as neither.
 */
// a whole line that is one action: with a trim marker, or a control action (`if`, `range`, `end`...)
// or a comment; not a line of an alert template that starts with `{{ $value }}` and goes on
// (`{{ printf "%.2f" $value }}%.` in a description's plain scalar) nor one that is only `{{ $value }}`
const actionLine = /^[ \t]*\{\{(?:-|[ \t]*(?:(?:if|else|end|range|with|define|template|block)\b|\/\*))[^\n]*\}\}[ \t]*$/m;
const helmWords = /\{\{-?[ \t]*(?:\.Values|\.Release|\.Chart|\.Files|\.Capabilities|\$\.Values|include[ \t]+"|toYaml[ \t]|tpl[ \t])/;

/** offset of a Helm-specific template action, or -1 */
export function findHelmSyntax(text: string): number {
  const b = helmWords.exec(text);
  return b ? b.index : -1;
}

/** offset of a line consisting of a template action, or -1 (use when the YAML did not parse) */
export function findActionLine(text: string): number {
  const a = actionLine.exec(text);
  return a ? a.index + a[0].indexOf('{{') : -1;
}
