/**
 * The workspace pass: pure cross-file checks over the summaries of all analysed files (no I/O;
 * the shell resolves nothing, it only hands over summaries). Today: rule unit-test files whose
 * `rule_files` match no analysed file (`rule-tests/missing-rule-file`, warning: the file may just
 * be outside the checked paths) and tested alerts that no referenced rule file defines
 * (`rule-tests/unknown-alert`, warning: such a test can only pass by expecting no alert). Extend with more passes here.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { FileSummary } from './summary';

export interface CrossFileDiagnostic {
  /** the file the diagnostic belongs to */
  path: string;
  diagnostic: Diagnostic;
}

/** POSIX-style normalisation of `a/b/../c` paths, without touching the file system */
export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

function dirname(p: string): string {
  const i = p.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** glob (`*`, `**`, `?`) to a RegExp over normalised paths */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function crossFileDiagnostics(files: readonly FileSummary[]): CrossFileDiagnostic[] {
  const out: CrossFileDiagnostic[] = [];
  // the normalized paths, made when a test file needs them (an editor's pass runs after each edit)
  let normalized: { f: FileSummary; norm: string }[] | undefined;
  for (const t of files) {
    if (t.kind !== 'rule-tests') continue;
    const byPath = (normalized ??= files.map((f) => ({ f, norm: normalizePath(f.path) })));
    const base = dirname(t.path);
    const referenced: FileSummary[] = [];
    for (const ref of t.ruleFileRefs) {
      const target = normalizePath(ref.name.startsWith('/') ? ref.name : `${base}/${ref.name}`);
      const re = globToRegExp(target);
      const hits = byPath.filter((x) => x.f !== t && re.test(x.norm)).map((x) => x.f);
      if (hits.length === 0) {
        out.push({
          path: t.path,
          diagnostic: { code: 'rule-tests/missing-rule-file', severity: 'warning', range: ref.range, message: `rule file ${JSON.stringify(ref.name)} not found among the checked files` },
        });
      }
      referenced.push(...hits);
    }
    // alert names can only be judged when every referenced rule file was analysed
    if (referenced.length === 0 || referenced.length < t.ruleFileRefs.length) continue;
    const alerts = new Set(referenced.flatMap((f) => f.alerts.map((a) => a.name)));
    for (const a of t.testedAlerts) {
      if (!alerts.has(a.name)) {
        out.push({
          path: t.path,
          diagnostic: { code: 'rule-tests/unknown-alert', severity: 'warning', range: a.range, message: `alertname ${JSON.stringify(a.name)} is not defined in the rule files of this test` },
        });
      }
    }
  }
  return out;
}
