/** Help texts of the `promscope` command. */
export const MAIN_HELP = `promscope — lint Prometheus rule files, prometheus.yml, alertmanager.yml and PromQL

Usage:
  promscope check [options] [paths|globs|-]...   check files (default: the current folder)
  promscope check --expr 'rate(x[5m])'            check one PromQL expression
  promscope graph [--format dot|json] <paths>...  print the rule dependency graph
  promscope relabel --config prometheus.yml --job NAME [--labels '{...}']
                                                  apply a job's relabel_configs step by step
  promscope route --config alertmanager.yml [--tree] label=value...
                                                  show which receivers a label set reaches
  promscope --version                             print the version
  promscope --help | promscope check --help       print help

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
2 usage error or internal failure. (relabel: 1 when the target is dropped; route: 1 when --expect
does not hold.)
`;

export const CHECK_HELP = `Usage: promscope check [options] [paths|globs|-]...

Checks the given files, folders (walked, respecting .gitignore, skipping node_modules and .git)
and globs; \`-\` reads stdin. The kind of each file is detected from its content; files of other
kinds are skipped quietly.

Input:
  --kind <kind>                 force the kind: rules, prometheus-rule, rule-tests,
                                prometheus-config, alertmanager-config, dashboard, promql
  --expr <promql>               check a PromQL expression (repeatable)
  --stdin-filename <path>       the name of the file read from stdin (for kind, config, output)

What the target Prometheus accepts (override .promscope.yml):
  --enable-feature <a,b>        Prometheus --enable-feature names (repeatable)
  --prometheus-version <v>      target version, e.g. 3.5 or 2.53 (default: newest 3.x)
  --dialect <d>                 prometheus, thanos, mimir or cortex
  --config <file>               use this configuration instead of .promscope.yml found upward

Output:
  -f, --format <fmt>            text (default), json, sarif, github, checkstyle, junit
  -o, --output-file <file>      write the report to a file instead of stdout
  --color, --no-color           force colour on or off (default: on for a terminal; NO_COLOR,
                                FORCE_COLOR honoured)
  --max-warnings <n>            exit 1 when there are more than n warnings

Actions and speed:
  --fix                         apply safe fixes in place (only files that change; a fix whose
                                result gets new errors is not written)
  --cache                       reuse results of unchanged files (.promscope-cache/)
  --cache-location <dir>        cache folder (implies --cache)
  -j, --jobs <n>                threads that analyse files, this one among them (default: all
                                cores when there is enough work and more than two cores; 0 or
                                1 = this thread alone)
  --debug                       print stack traces of internal failures (and what --cache reused)
  --timings                     print when each phase of the run ended (stderr)
`;
