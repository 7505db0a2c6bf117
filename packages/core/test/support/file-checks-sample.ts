/**
 * A rule file with findings of both file checks that declare `reads` (checks/define.ts): a
 * duplicate expression across its two groups (`rules/duplicate-expression`) and one snake_case
 * alert among CamelCase ones (`rules/alert-name-style`). Tests edit it where the checks read
 * (names, expressions, labels) and where they do not (the alerts' thresholds, comments).
 */
export const FILE_CHECKS_SAMPLE = `groups:
  - name: a
    rules:
      - record: job:x:rate5m
        expr: sum by (job) (rate(x_total[5m]))
      - alert: XHigh
        expr: job:x:rate5m > 1
  - name: b
    interval: 1m
    rules:
      - record: job:y:rate5m
        expr: sum by (job)(rate(x_total[5m]))
      - alert: y_high
        expr: job:y:rate5m > 1
        for: 5m
      - alert: YLow
        expr: job:y:rate5m < 1
`;
