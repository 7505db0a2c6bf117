/**
 * Problems that Go's parser accepts but that make template *execution* fail whenever the code is
 * reached (`text/template/exec.go`): calling a function with the wrong number of arguments,
 * giving arguments to a literal, `{{nil}}`. Prometheus loads such rules; the alert's
 * labels/annotations then fail to expand. Callers report these as warnings.
 *
 * Arity tables come from the Go signatures of the function maps (see ./funcs.ts).
 */
import type { Range } from '../diagnostics/types';
import type { ArgNode, CommandNode, PipeNode, TemplateNode } from './ast';

/** Number of parameters; `variadic` means "at least `min`". */
export interface Arity {
  min: number;
  variadic?: true;
}

const fixed = (n: number): Arity => ({ min: n });
const atLeast = (n: number): Arity => ({ min: n, variadic: true });

/** text/template builtins (funcs.go). */
export const GO_BUILTIN_ARITY: ReadonlyMap<string, Arity> = new Map([
  ['and', atLeast(1)],
  ['or', atLeast(1)],
  ['not', fixed(1)],
  ['len', fixed(1)],
  ['index', atLeast(1)],
  ['slice', atLeast(1)],
  ['call', atLeast(1)],
  ['html', atLeast(0)],
  ['js', atLeast(0)],
  ['urlquery', atLeast(0)],
  ['print', atLeast(0)],
  ['printf', atLeast(1)],
  ['println', atLeast(0)],
  ['eq', atLeast(1)],
  ['ne', fixed(2)],
  ['lt', fixed(2)],
  ['le', fixed(2)],
  ['gt', fixed(2)],
  ['ge', fixed(2)],
]);

/** Prometheus's template functions (template/template.go NewTemplateExpander). */
export const PROMETHEUS_FUNC_ARITY: ReadonlyMap<string, Arity> = new Map([
  ['query', fixed(1)],
  ['first', fixed(1)],
  ['label', fixed(2)],
  ['value', fixed(1)],
  ['strvalue', fixed(1)],
  ['args', atLeast(0)],
  ['reReplaceAll', fixed(3)],
  ['safeHtml', fixed(1)],
  ['match', fixed(2)],
  ['title', fixed(1)],
  ['toUpper', fixed(1)],
  ['toLower', fixed(1)],
  ['graphLink', fixed(1)],
  ['tableLink', fixed(1)],
  ['sortByLabel', fixed(2)],
  ['stripPort', fixed(1)],
  ['stripDomain', fixed(1)],
  ['humanize', fixed(1)],
  ['humanize1024', fixed(1)],
  ['humanizeDuration', fixed(1)],
  ['humanizePercentage', fixed(1)],
  ['humanizeTimestamp', fixed(1)],
  ['toTime', fixed(1)],
  ['toDuration', fixed(1)],
  ['now', fixed(0)],
  ['pathPrefix', fixed(0)],
  ['externalURL', fixed(0)],
  ['parseDuration', fixed(1)],
  ['urlQueryEscape', fixed(1)],
]);

/** Alertmanager's template functions (template/template.go DefaultFuncs). */
export const ALERTMANAGER_FUNC_ARITY: ReadonlyMap<string, Arity> = new Map([
  ['toUpper', fixed(1)],
  ['toLower', fixed(1)],
  ['title', fixed(1)],
  ['trimSpace', fixed(1)],
  ['join', fixed(2)],
  ['match', fixed(2)],
  ['safeHtml', fixed(1)],
  ['safeUrl', fixed(1)],
  ['urlUnescape', fixed(1)],
  ['reReplaceAll', fixed(3)],
  ['stringSlice', atLeast(0)],
  ['routeLabels', fixed(1)],
  ['date', fixed(2)],
  ['tz', fixed(2)],
  ['now', fixed(0)],
  ['since', fixed(1)],
  ['humanizeDuration', fixed(1)],
  ['toDate', fixed(2)],
  ['mustToDate', fixed(2)],
  ['toJson', fixed(1)],
  ['base64encode', fixed(1)],
  ['base64decode', fixed(1)],
  ['list', atLeast(0)],
  ['append', atLeast(1)],
  ['dict', atLeast(0)],
]);

export interface ExecProblem {
  range: Range;
  /** Go's execution error text, e.g. `wrong number of args for humanize: want 1 got 2` */
  message: string;
  /**
   * the code runs only under a condition (inside if/with/range/define bodies or an and/or
   * argument), so the failure happens only when it is reached
   */
  conditional: boolean;
}

/** Find calls that fail at execution. `arity` is the installed FuncMap's (builtins are added). */
export function findExecProblems(nodes: readonly TemplateNode[], arity: ReadonlyMap<string, Arity>): ExecProblem[] {
  const out: ExecProblem[] = [];
  /** depth of conditional contexts around the code being checked */
  let cond = 0;
  const push = (range: Range, message: string) => out.push({ range, message, conditional: cond > 0 });
  const lookup = (name: string) => arity.get(name) ?? GO_BUILTIN_ARITY.get(name);

  const call = (name: string, range: Range, nArgs: number, piped: boolean) => {
    const a = lookup(name);
    if (!a) return;
    const numIn = nArgs + (piped ? 1 : 0);
    if (a.variadic) {
      if (numIn < a.min) push(range, `wrong number of args for ${name}: want at least ${a.min} got ${nArgs}`);
    } else if (numIn !== a.min) {
      push(range, `wrong number of args for ${name}: want ${a.min} got ${numIn}`);
    }
  };

  const arg = (n: ArgNode) => {
    if (n.kind === 'identifier') call(n.name, n.range, 0, false);
    else if (n.kind === 'pipe') pipe(n);
    else if (n.kind === 'chain') arg(n.node);
  };

  const command = (c: CommandNode, piped: boolean) => {
    const [head, ...rest] = c.args;
    if (!head) return;
    const hasArgs = rest.length > 0 || piped;
    const notAFunction = (shown: string) => {
      if (hasArgs) push(head.range, `can't give argument to non-function ${shown}`);
    };
    switch (head.kind) {
      case 'identifier':
        call(head.name, head.range, rest.length, piped);
        break;
      case 'nil':
        if (hasArgs) notAFunction('nil');
        else push(head.range, 'nil is not a command');
        break;
      case 'bool':
        notAFunction(String(head.value));
        break;
      case 'number':
        notAFunction(head.text);
        break;
      case 'string':
        notAFunction(head.quoted);
        break;
      case 'dot':
        notAFunction('.');
        break;
      case 'variable':
        if (head.segments.length === 1) notAFunction(head.segments[0]!.name);
        break;
      default:
        arg(head);
    }
    // and/or evaluate their arguments lazily
    const lazy = head.kind === 'identifier' && (head.name === 'and' || head.name === 'or');
    if (lazy) cond++;
    for (const a of rest) arg(a);
    if (lazy) cond--;
  };

  const pipe = (p: PipeNode) => p.cmds.forEach((c, i) => command(c, i > 0));

  const list = (ns: readonly TemplateNode[] | undefined) => {
    for (const n of ns ?? []) {
      switch (n.kind) {
        case 'action':
          pipe(n.pipe);
          break;
        case 'if':
        case 'range':
        case 'with':
          pipe(n.pipe);
          cond++;
          list(n.list);
          list(n.elseList);
          cond--;
          break;
        case 'template':
          if (n.pipe) pipe(n.pipe);
          break;
        case 'block':
          pipe(n.pipe);
          cond++;
          list(n.list);
          cond--;
          break;
        case 'define':
          cond++;
          list(n.list);
          cond--;
          break;
        default:
          break;
      }
    }
  };
  list(nodes);
  return out;
}
