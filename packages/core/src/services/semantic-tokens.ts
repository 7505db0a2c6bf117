/**
 * Semantic tokens for PromQL wherever it is embedded (YAML scalars of any style, dashboard JSON,
 * `.promql` files): functions, keywords, labels, strings, numbers, durations, operators, metric
 * names and comments. Tokens are file ranges that never cross a line break.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { Range } from '../diagnostics/types';
import type { PromQLRegion } from './regions';
import { memoByText } from '../text/memo';

/** The legend, in the order the LSP encoding refers to by index. */
export const SEMANTIC_TOKEN_TYPES = ['function', 'keyword', 'label', 'string', 'number', 'duration', 'operator', 'metric', 'comment'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export interface SemanticToken extends Range {
  type: SemanticTokenType;
}

const BY_NODE: Record<string, SemanticTokenType> = {
  FunctionIdentifier: 'function',
  AggregateOp: 'keyword',
  By: 'keyword',
  Without: 'keyword',
  On: 'keyword',
  Ignoring: 'keyword',
  GroupLeft: 'keyword',
  GroupRight: 'keyword',
  Bool: 'keyword',
  Offset: 'keyword',
  AtStart: 'keyword',
  AtEnd: 'keyword',
  Smoothed: 'keyword',
  Anchored: 'keyword',
  Fill: 'keyword',
  FillLeft: 'keyword',
  FillRight: 'keyword',
  And: 'operator',
  Or: 'operator',
  Unless: 'operator',
  Atan2: 'operator',
  LabelName: 'label',
  QuotedLabelName: 'label',
  StringLiteral: 'string',
  NumberDurationLiteral: 'number',
  NumberDurationLiteralInDurationContext: 'duration',
  LineComment: 'comment',
  Add: 'operator',
  Sub: 'operator',
  Mul: 'operator',
  Div: 'operator',
  Mod: 'operator',
  Pow: 'operator',
  Eql: 'operator',
  Neq: 'operator',
  Gtr: 'operator',
  Lss: 'operator',
  Gte: 'operator',
  Lte: 'operator',
  TrimUpper: 'operator',
  TrimLower: 'operator',
  EqlSingle: 'operator',
  EqlRegex: 'operator',
  NeqRegex: 'operator',
  At: 'operator',
};

/** Tokens of one PromQL text, as offsets into it. */
export function promqlTokens(text: string): SemanticToken[] {
  const out: SemanticToken[] = [];
  parser.parse(text).iterate({
    enter(n) {
      if (n.type.isError) return false;
      let type = BY_NODE[n.name];
      if (n.name === 'Identifier' && n.node.parent?.name === 'VectorSelector') type = 'metric';
      if (type === 'number' && /[a-zA-Z]$/.test(text.slice(n.from, n.to)) && !/^(inf|nan|0x)/i.test(text.slice(n.from, n.to))) type = 'duration';
      if (!type) return undefined;
      if (n.to > n.from) out.push({ start: n.from, end: n.to, type });
      return false;
    },
  });
  return out;
}

/**
 * `promqlTokens` of the latest expressions: an editor asks for a whole file's tokens after every
 * edit, and all but the edited expression are the same texts (a 1,000-rule file: 1,000 parses)
 */
const tokensOf: (text: string) => readonly SemanticToken[] = memoByText(promqlTokens);

/** Tokens of every region, mapped into the file and split at line breaks. */
export function semanticTokens(fileText: string, regions: readonly PromQLRegion[]): SemanticToken[] {
  const out: SemanticToken[] = [];
  for (const region of regions) {
    for (const t of tokensOf(region.text)) {
      const start = region.toFile(t.start);
      const end = region.toFileEnd(t.end);
      let s = start;
      for (let i = start; i < end; i++) {
        const c = fileText.charCodeAt(i);
        if (c === 10 || c === 13) {
          if (i > s) out.push({ start: s, end: i, type: t.type });
          s = i + 1;
        }
      }
      if (end > s) out.push({ start: s, end, type: t.type });
    }
  }
  // regions in file order give the tokens in order: sorted only when they are not (a 1,000-rule
  // file has 9,000 tokens, and an editor asks for them after every edit)
  for (let i = 1; i < out.length; i++) if (out[i]!.start < out[i - 1]!.start) return out.sort((a, b) => a.start - b.start);
  return out;
}
