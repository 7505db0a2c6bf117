/**
 * The Go text/template parser (`text/template/parse/parse.go`), reimplemented from its
 * specification on top of {@link Lexer}. It follows Go's grammar, its token look-ahead (which
 * decides the line number Go prints) and its checks: undefined functions and variables, empty
 * pipelines, misplaced `{{end}}`/`{{else}}`/`{{break}}`, duplicate definitions, bad literals.
 * Like Go it stops at the first error; the nodes completed before it are kept.
 */
import type { Range } from '../diagnostics/types';
import type {
  ArgNode,
  BlockNode,
  BranchNode,
  CommandNode,
  DefineNode,
  PipeNode,
  Segment,
  TemplateCallNode,
  TemplateNode,
  VariableNode,
} from './ast';
import { GO_TEMPLATE_BUILTINS } from './funcs';
import { goQuote, goQuotePrefix, utf8Length } from './go-format';
import { type Item, type ItemType, Lexer, T } from './lexer';
import { checkCharConstant, checkNumber, unquoteGoString } from './literals';

export interface GoParseOptions {
  /** functions installed with Funcs(); Go's builtins are always added */
  funcs: ReadonlySet<string>;
  /** variables defined before the text (at top level only), e.g. `$labels` */
  predeclared?: readonly string[];
  /** the template's name as Go prints it in messages (`__alert_Foo`); default `""` */
  name?: string;
  /**
   * treat the top-level template as non-empty even if it is blank: true when the text is
   * appended to a header of actions (Prometheus's `{{$labels := .Labels}}...`), which matters
   * for Go's "multiple definition of template" check.
   */
  rootNonEmpty?: boolean;
}

/** A parse error: Go's message and where it points. */
export interface GoTemplateError {
  /** where the problem is, in the template text */
  range: Range;
  /** Go's message without framing, e.g. `function "humanizeFoo" not defined` */
  message: string;
  /** the line Go prints (1-based, counted in the template text) */
  line: number;
  /** the whole error text as Go returns it: `template: NAME:LINE: message` */
  goError: string;
  /**
   * set when the text could not be analysed (nesting too deep for this parser); Go may well
   * accept it, so callers must not report this as a Prometheus error
   */
  incomplete?: true;
}

export interface GoParseResult {
  nodes: TemplateNode[];
  error?: GoTemplateError;
}

const MAX_STACK_DEPTH = 10000;
const MAX_PIPELINE_CMDS = 100000;

/**
 * Go's variable stack (Tree.vars): declarations pushed in order, popped at `{{end}}`. A count per
 * name keeps lookups O(1) even for templates with thousands of declarations.
 */
class VarStack {
  private readonly stack: string[] = [];
  private readonly counts = new Map<string, number>();
  constructor(initial: readonly string[]) {
    for (const v of initial) this.push(v);
  }
  get length(): number {
    return this.stack.length;
  }
  push(name: string): void {
    this.stack.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
  popTo(n: number): void {
    while (this.stack.length > n) {
      const name = this.stack.pop()!;
      this.counts.set(name, this.counts.get(name)! - 1);
    }
  }
  has(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }
}

class ParseFailure {
  constructor(
    readonly message: string,
    readonly range: Range,
    readonly linePos: number,
  ) {}
}

/** Internal markers returned by textOrAction for `{{end}}` / `{{else}}`. */
interface EndMarker {
  kind: 'end' | 'else';
  range: Range;
}
type ListItem = TemplateNode | EndMarker;

function isMarker(n: ListItem): n is EndMarker {
  return n.kind === 'end' || n.kind === 'else';
}

interface Definition {
  nonEmpty: boolean;
  range: Range;
}

/** State shared by the trees of one Parse call (Go: the lexer and treeSet). */
interface Shared {
  text: string;
  /** the template name Go prints in messages (Tree.ParseName) */
  name: string;
  lex: Lexer;
  funcs: ReadonlySet<string>;
  treeSet: Map<string, Definition>;
  /** keyword ranges of the constructs whose `{{end}}` is still awaited */
  open: Range[];
}

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

function isEmptyList(text: string, list: readonly TemplateNode[]): boolean {
  for (const n of list) {
    if (n.kind === 'define') continue;
    if (n.kind !== 'text') return false;
    if (!GO_SPACE.test(text.slice(n.range.start, n.range.end))) return false;
  }
  return true;
}

function r(start: number, end: number): Range {
  return { start, end };
}

/** One parse.Tree: the top-level template, a {{define}} body or a {{block}} body. */
class TreeParser {
  private readonly token: Item[] = [];
  private peekCount = 0;
  private rangeDepth = 0;
  private stackDepth = 0;
  /** position of the `{{` of the action being parsed (Go's actionLine), -1 when none */
  private actionPos = -1;
  /** the `}}` or `)` that ended the last pipeline */
  private lastEnd!: Item;

  constructor(
    private readonly s: Shared,
    private readonly vars: VarStack,
  ) {}

  // ---- tokens (Go's three-token look-ahead; token[0] is the last item lexed) ----

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.s.lex.nextItem();
    return this.token[this.peekCount]!;
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.s.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.t === T.Space);
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private val(t: Item): string {
    return this.s.text.slice(t.pos, t.end);
  }

  // ---- errors ----

  private errorf(message: string, range: Range): never {
    throw new ParseFailure(message, range, this.token[0]?.pos ?? 0);
  }

  private lineAt(pos: number): number {
    let n = 1;
    for (let i = this.s.text.indexOf('\n'); i >= 0 && i < pos; i = this.s.text.indexOf('\n', i + 1)) n++;
    return n;
  }

  /** item.String() */
  private itemString(t: Item): string {
    if (t.t === T.EOF) return 'EOF';
    if (t.t === T.Error) return t.msg!;
    const v = this.val(t);
    if (t.t > T.Keyword) return `<${v}>`;
    if (utf8Length(v) > 10) return `${goQuotePrefix(v, 10)}...`;
    return goQuote(v);
  }

  private unexpected(t: Item, context: string): never {
    if (t.t === T.Error) {
      let extra = '';
      if (this.actionPos >= 0) {
        const actionLine = this.lineAt(this.actionPos);
        if (actionLine !== this.lineAt(t.pos)) {
          extra = ` in action started at ${this.s.name}:${actionLine}`;
          if (t.msg!.endsWith(' action')) extra = extra.slice(' in action'.length);
        }
      }
      this.errorf(t.msg! + extra, r(t.errStart ?? t.pos, t.errEnd ?? t.end));
    }
    this.errorf(`unexpected ${this.itemString(t)} in ${context}`, r(t.pos, t.end));
  }

  private expect(expected: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.t !== expected) this.unexpected(t, context);
    return t;
  }

  // ---- grammar ----

  /** Top level (Go's Tree.parse). */
  parse(root: TemplateNode[]): void {
    while (this.peek().t !== T.EOF) {
      if (this.peek().t === T.LeftDelim) {
        const delim = this.next();
        const kw = this.nextNonSpace();
        if (kw.t === T.Define) {
          const def = new TreeParser(this.s, new VarStack(['$']));
          root.push(def.parseDefinition(delim, kw));
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (isMarker(n)) this.errorf(`unexpected {{${n.kind}}}`, n.range);
      root.push(n);
    }
  }

  /**
   * Register a finished tree (Go's Tree.add). `range` is the name to point at; the top-level
   * template has none, and then the clashing definition is pointed at.
   */
  add(name: string, nonEmpty: boolean, range?: Range): void {
    const existing = this.s.treeSet.get(name);
    if (existing === undefined || !existing.nonEmpty) {
      this.s.treeSet.set(name, { nonEmpty, range: range ?? r(0, 0) });
      return;
    }
    if (nonEmpty) this.errorf(`template: multiple definition of template ${goQuote(name)}`, range ?? existing.range);
  }

  private parseDefinition(delim: Item, kw: Item): DefineNode {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.t !== T.String && nameTok.t !== T.RawString) this.unexpected(nameTok, context);
    const name = this.unquote(nameTok);
    this.expect(T.RightDelim, context);
    this.s.open.push(r(kw.pos, kw.end));
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected {{${end.kind}}} in ${context}`, end.range);
    this.s.open.pop();
    const nameRange = r(nameTok.pos, nameTok.end);
    this.add(name, !isEmptyList(this.s.text, list), nameRange);
    return { kind: 'define', name, nameRange, list, range: r(delim.pos, end.range.end) };
  }

  private itemList(): [TemplateNode[], EndMarker] {
    const list: TemplateNode[] = [];
    this.peekNonSpace();
    while (this.peekNonSpace().t !== T.EOF) {
      const n = this.textOrAction();
      if (isMarker(n)) return [list, n];
      list.push(n);
    }
    const open = this.s.open[this.s.open.length - 1];
    const eof = this.s.text.length;
    this.errorf('unexpected EOF', open ?? r(eof, eof));
  }

  private textOrAction(): ListItem {
    const t = this.nextNonSpace();
    if (t.t === T.Text) return { kind: 'text', range: r(t.pos, t.end) };
    if (t.t === T.LeftDelim) {
      this.actionPos = t.pos;
      const n = this.action(t);
      this.actionPos = -1;
      return n;
    }
    this.unexpected(t, 'input');
  }

  private action(delim: Item): ListItem {
    const t = this.nextNonSpace();
    switch (t.t) {
      case T.Block:
        return this.blockControl(delim);
      case T.Break:
      case T.Continue:
        return this.breakControl(delim, t);
      case T.Else:
        return this.elseControl(delim);
      case T.End: {
        const close = this.expect(T.RightDelim, 'end');
        return { kind: 'end', range: r(delim.pos, close.end) };
      }
      case T.If:
      case T.Range:
      case T.With:
        return this.branchControl(delim, t);
      case T.Template:
        return this.templateControl(delim);
    }
    this.backup();
    this.peek();
    const pipe = this.pipeline('command', T.RightDelim, delim.pos);
    return { kind: 'action', pipe, range: r(delim.pos, this.lastEnd.end) };
  }

  private breakControl(delim: Item, kw: Item): TemplateNode {
    const word = kw.t === T.Break ? 'break' : 'continue';
    const t = this.nextNonSpace();
    if (t.t !== T.RightDelim) this.unexpected(t, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`, r(kw.pos, kw.end));
    return { kind: word, range: r(delim.pos, t.end) };
  }

  private elseControl(delim: Item): EndMarker {
    const p = this.peekNonSpace();
    if (p.t === T.If || p.t === T.With) return { kind: 'else', range: r(delim.pos, p.pos) };
    const close = this.expect(T.RightDelim, 'else');
    return { kind: 'else', range: r(delim.pos, close.end) };
  }

  /** if / range / with (Go's parseControl). */
  private branchControl(delim: Item, kw: Item): BranchNode {
    const context = kw.t === T.If ? 'if' : kw.t === T.Range ? 'range' : 'with';
    const varsLen = this.vars.length;
    const pipe = this.pipeline(context, T.RightDelim, delim.pos);
    const keywordRange = r(kw.pos, kw.end);
    this.s.open.push(keywordRange);
    if (context === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: TemplateNode[] | undefined;
    let end = next.range.end;
    if (next.kind === 'else') {
      const p = this.peek();
      if ((context === 'if' && p.t === T.If) || (context === 'with' && p.t === T.With)) {
        const kw2 = this.next();
        const nested = this.branchControl({ t: T.LeftDelim, pos: next.range.start, end: next.range.start + 2 }, kw2);
        elseList = [nested];
        end = nested.range.end;
      } else {
        [elseList, next] = this.itemList();
        if (next.kind !== 'end') this.errorf(`expected end; found {{${next.kind}}}`, next.range);
        end = next.range.end;
      }
    }
    this.s.open.pop();
    this.vars.popTo(varsLen);
    const node: BranchNode = { kind: context, pipe, list, keywordRange, range: r(delim.pos, end) };
    if (elseList) node.elseList = elseList;
    return node;
  }

  private blockControl(delim: Item): BlockNode {
    const context = 'block clause';
    const nameTok = this.nextNonSpace();
    const name = this.templateName(nameTok, context);
    const pipe = this.pipeline(context, T.RightDelim, delim.pos);
    const body = new TreeParser(this.s, new VarStack(['$']));
    const nameRange = r(nameTok.pos, nameTok.end);
    this.s.open.push(nameRange);
    const [list, end] = body.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected {{${end.kind}}} in ${context}`, end.range);
    this.s.open.pop();
    body.add(name, !isEmptyList(this.s.text, list), nameRange);
    return { kind: 'block', name, nameRange, pipe, list, range: r(delim.pos, end.range.end) };
  }

  private templateControl(delim: Item): TemplateCallNode {
    const context = 'template clause';
    const nameTok = this.nextNonSpace();
    const name = this.templateName(nameTok, context);
    const node: TemplateCallNode = {
      kind: 'template',
      name,
      nameRange: r(nameTok.pos, nameTok.end),
      range: r(delim.pos, delim.end),
    };
    const t = this.nextNonSpace();
    if (t.t !== T.RightDelim) {
      this.backup();
      node.pipe = this.pipeline(context, T.RightDelim, delim.pos);
      node.range.end = this.lastEnd.end;
    } else {
      node.range.end = t.end;
    }
    return node;
  }

  private templateName(t: Item, context: string): string {
    if (t.t === T.String || t.t === T.RawString) return this.unquote(t);
    this.unexpected(t, context);
  }

  private unquote(t: Item): string {
    const u = unquoteGoString(this.val(t));
    if (!u.ok) this.errorf(u.error, r(t.pos, t.end));
    return u.value;
  }

  private variable(t: Item): VariableNode {
    const range = r(t.pos, t.end);
    return { kind: 'variable', segments: [{ name: this.val(t), range }], range };
  }

  /** declarations? command ('|' command)* — `openPos` is the `{{` or `(` it belongs to. */
  private pipeline(context: string, end: ItemType, openPos: number): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', isAssign: false, decl: [], cmds: [], range: r(first.pos, first.pos) };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.t !== T.Variable) break;
      this.next();
      const afterVariable = this.peek();
      const nxt = this.peekNonSpace();
      if (nxt.t === T.Assign || nxt.t === T.Declare) {
        pipe.isAssign = nxt.t === T.Assign;
        this.nextNonSpace();
        pipe.decl.push(this.variable(v));
        this.vars.push(this.val(v));
      } else if (nxt.t === T.Char && this.val(nxt) === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v));
        this.vars.push(this.val(v));
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.t === T.Variable || p.t === T.RightDelim || p.t === T.RightParen) continue;
          this.errorf('range can only initialize variables', r(p.pos, p.end));
        }
        this.errorf(`too many declarations in ${context}`, r(v.pos, nxt.end));
      } else if (afterVariable.t === T.Space) {
        this.backup3(v, afterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.t === end) {
        this.lastEnd = t;
        pipe.range.end = pipe.cmds.length > 0 ? pipe.cmds[pipe.cmds.length - 1]!.range.end : t.pos;
        this.checkPipeline(pipe, context, r(openPos, t.end));
        return pipe;
      }
      switch (t.t) {
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          if (pipe.cmds.length > MAX_PIPELINE_CMDS) this.errorf('pipeline too long', r(t.pos, t.end));
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, whole: Range): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`, whole);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const a = pipe.cmds[i]!.args[0]!;
      if (a.kind === 'bool' || a.kind === 'dot' || a.kind === 'nil' || a.kind === 'number' || a.kind === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 1}`, a.range);
      }
    }
  }

  private command(): CommandNode {
    const start = this.peekNonSpace();
    const cmd: CommandNode = { kind: 'command', args: [], range: r(start.pos, start.pos) };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.t === T.Space) continue;
      if (t.t === T.RightDelim || t.t === T.RightParen) this.backup();
      else if (t.t !== T.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command', r(start.pos, start.end));
    cmd.range.end = cmd.args[cmd.args.length - 1]!.range.end;
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().t !== T.Field) return node;
    const fields: Segment[] = [];
    while (this.peek().t === T.Field) {
      const f = this.next();
      fields.push({ name: this.s.text.slice(f.pos + 1, f.end), range: r(f.pos + 1, f.end) });
    }
    const range = r(node.range.start, fields[fields.length - 1]!.range.end);
    switch (node.kind) {
      case 'field':
      case 'variable':
        return { kind: node.kind, segments: [...node.segments, ...fields], range };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot': {
        const shown =
          node.kind === 'bool'
            ? String(node.value)
            : node.kind === 'string'
              ? node.quoted
              : node.kind === 'number'
                ? node.text
                : node.kind === 'nil'
                  ? 'nil'
                  : '.';
        this.errorf(`unexpected . after term ${goQuote(shown)}`, range);
      }
    }
    return { kind: 'chain', node, fields, range };
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    const range = r(t.pos, t.end);
    switch (t.t) {
      case T.Identifier: {
        const name = this.val(t);
        if (!this.s.funcs.has(name) && !GO_TEMPLATE_BUILTINS.has(name)) {
          this.errorf(`function ${goQuote(name)} not defined`, range);
        }
        return { kind: 'identifier', name, range };
      }
      case T.Dot:
        return { kind: 'dot', range };
      case T.Nil:
        return { kind: 'nil', range };
      case T.Variable: {
        const name = this.val(t);
        if (!this.vars.has(name)) this.errorf(`undefined variable ${goQuote(name)}`, range);
        return this.variable(t);
      }
      case T.Field: {
        const seg = { name: this.s.text.slice(t.pos + 1, t.end), range: r(t.pos + 1, t.end) };
        return { kind: 'field', segments: [seg], range };
      }
      case T.Bool:
        return { kind: 'bool', value: this.val(t) === 'true', range };
      case T.CharConstant: {
        const c = checkCharConstant(this.val(t));
        if (!c.ok) this.errorf(c.error, range);
        return { kind: 'number', text: this.val(t), range };
      }
      case T.Complex:
      case T.Number: {
        const err = checkNumber(this.val(t), t.t === T.Complex);
        if (err !== null) this.errorf(err, range);
        return { kind: 'number', text: this.val(t), range };
      }
      case T.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded', range);
        this.stackDepth++;
        const pipe = this.pipeline('parenthesized pipeline', T.RightParen, t.pos);
        this.stackDepth--;
        pipe.range = r(t.pos, this.lastEnd.end);
        return pipe;
      }
      case T.String:
      case T.RawString: {
        const quoted = this.val(t);
        return { kind: 'string', value: this.unquote(t), quoted, range };
      }
    }
    this.backup();
    return null;
  }
}

/**
 * Parse a Go text/template exactly as `template.New(name).Funcs(funcs).Parse(text)` would,
 * with `predeclared` variables in scope at top level (as if a header of declarations preceded
 * the text). Never throws.
 */
export function parseGo(text: string, opts: GoParseOptions): GoParseResult {
  const nodes: TemplateNode[] = [];
  const name = opts.name ?? '';
  // Fast path: no action at all.
  if (!text.includes('{{')) {
    if (text.length > 0) nodes.push({ kind: 'text', range: r(0, text.length) });
    return { nodes };
  }
  const lex = new Lexer(text, { breakOK: !opts.funcs.has('break'), continueOK: !opts.funcs.has('continue') });
  const shared: Shared = { text, name, lex, funcs: opts.funcs, treeSet: new Map(), open: [] };
  const top = new TreeParser(shared, new VarStack(['$', ...(opts.predeclared ?? [])]));
  try {
    top.parse(nodes);
    top.add(name, opts.rootNonEmpty === true || !isEmptyList(text, nodes));
    return { nodes };
  } catch (e) {
    if (e instanceof ParseFailure) {
      const line = lineOf(text, e.linePos);
      return {
        nodes,
        error: {
          range: e.range,
          message: e.message,
          line,
          goError: `template: ${name}:${line}: ${e.message}`,
        },
      };
    }
    if (e instanceof RangeError) {
      // Call stack exhausted by absurd nesting. Go (with its growable stacks) may accept it.
      const message = 'template nested too deeply to analyse';
      return {
        nodes,
        error: { range: r(0, 0), message, line: 1, goError: message, incomplete: true },
      };
    }
    throw e;
  }
}

function lineOf(text: string, pos: number): number {
  let n = 1;
  const end = Math.min(pos, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
