/**
 * The syntax tree of a Go text/template, as `text/template/parse` builds it (node.go), with a
 * range on every node: UTF-16 offsets into the template text, end exclusive.
 *
 * Differences from Go's tree, all for the benefit of analysis:
 * - `{{define}}` bodies appear in the top-level list as `define` nodes, in source order (Go keeps
 *   them in a separate tree set);
 * - `{{block}}` is one `block` node (Go splits it into a definition and a `{{template}}` call);
 * - variables and fields keep one range per segment (`$labels` / `instance`).
 */
import type { Range } from '../diagnostics/types';

/** One dot-separated part of a variable or field: `$labels`, `instance`, `Labels`. */
export interface Segment {
  /** `$labels` for a variable head, `instance` (no dot) for a field */
  name: string;
  range: Range;
}

export interface IdentifierNode {
  kind: 'identifier';
  /** the function name */
  name: string;
  range: Range;
}
export interface DotNode {
  kind: 'dot';
  range: Range;
}
export interface NilNode {
  kind: 'nil';
  range: Range;
}
/** `$`, `$x`, `$labels.instance` (segments[0] is the variable, the rest are fields) */
export interface VariableNode {
  kind: 'variable';
  segments: Segment[];
  range: Range;
}
/** `.Labels.instance` → segments `Labels`, `instance` */
export interface FieldNode {
  kind: 'field';
  segments: Segment[];
  range: Range;
}
/** fields applied to something that is not a field or variable: `(index . 0).Name` */
export interface ChainNode {
  kind: 'chain';
  node: ArgNode;
  fields: Segment[];
  range: Range;
}
export interface BoolNode {
  kind: 'bool';
  value: boolean;
  range: Range;
}
export interface NumberNode {
  kind: 'number';
  /** source text of the number or character constant */
  text: string;
  range: Range;
}
export interface StringNode {
  kind: 'string';
  /** the unquoted value */
  value: string;
  /** the source text with its quotes */
  quoted: string;
  range: Range;
}
/** `decl := cmd | cmd | ...`; also a parenthesised pipeline used as an argument */
export interface PipeNode {
  kind: 'pipe';
  /** `$x = ...` rather than `$x := ...` */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
  range: Range;
}
export interface CommandNode {
  kind: 'command';
  args: ArgNode[];
  range: Range;
}
export type ArgNode =
  | IdentifierNode
  | DotNode
  | NilNode
  | VariableNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export interface TextNode {
  kind: 'text';
  range: Range;
}
/** `{{ pipeline }}` */
export interface ActionNode {
  kind: 'action';
  pipe: PipeNode;
  /** from `{{` to `}}` */
  range: Range;
}
/** `{{if}}`, `{{range}}`, `{{with}}`; `{{else if}}` is an `if` alone in `elseList` */
export interface BranchNode {
  kind: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: TemplateNode[];
  elseList?: TemplateNode[];
  /** the keyword (`if`) */
  keywordRange: Range;
  /** from the opening `{{` to the `}}` of the matching `{{end}}` */
  range: Range;
}
/** `{{template "name" pipeline}}` */
export interface TemplateCallNode {
  kind: 'template';
  name: string;
  nameRange: Range;
  pipe?: PipeNode;
  range: Range;
}
/** `{{define "name"}} ... {{end}}` */
export interface DefineNode {
  kind: 'define';
  name: string;
  nameRange: Range;
  list: TemplateNode[];
  range: Range;
}
/** `{{block "name" pipeline}} ... {{end}}`: defines `name` and calls it */
export interface BlockNode {
  kind: 'block';
  name: string;
  nameRange: Range;
  pipe: PipeNode;
  list: TemplateNode[];
  range: Range;
}
export interface BreakNode {
  kind: 'break' | 'continue';
  range: Range;
}

export type TemplateNode =
  | TextNode
  | ActionNode
  | BranchNode
  | TemplateCallNode
  | DefineNode
  | BlockNode
  | BreakNode;
