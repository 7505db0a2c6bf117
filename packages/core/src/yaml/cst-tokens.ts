/**
 * `goParser().parse(text)` (the `yaml` package's Parser, quoted scalars as yaml.v3 scans them:
 * go-lexer.ts), token for token, faster between documents.
 *
 * After an error ends a document (a stray `}` near the top of a big rule file), every later lexeme
 * is a token of the stream: thousands in a big file, each going through three of the Parser's
 * generators (`next`, `step`, `stream`) to come out as an "Unexpected … token in YAML stream" error.
 * While the Parser's stack is empty, what it does with a lexeme depends on the lexeme alone (its
 * `stream()`): this applies those rules here, keeps the Parser's own state (offset, indentation, at
 * a new line, at a scalar) exactly as `next()` keeps it, and hands the Parser every lexeme that
 * opens something (a document, a directive, a document end) or is not a token. About 2–3× faster
 * on such a file; a differential test (test/yaml/cst-tokens.test.ts) holds the tokens to the
 * Parser's on the corpus and on mutated documents.
 */
import { CST, Parser } from 'yaml';
import { GoLexer } from './go-lexer';
import { pollInterrupt } from '../interrupt';
import { strayTailStop, type StrayTail } from './stray-tail';

/** the fields of `yaml`'s Parser that `next()` keeps for the stream (private in its typings) */
interface ParserState {
  stack: unknown[];
  offset: number;
  indent: number;
  atNewLine: boolean;
  atScalar: boolean;
  type: string;
  source: string;
}

function isParserState(p: object): boolean {
  const s = p as Partial<ParserState>;
  return Array.isArray(s.stack) && typeof s.offset === 'number' && typeof s.indent === 'number' && typeof s.atNewLine === 'boolean' && typeof s.atScalar === 'boolean';
}

/**
 * The Parser's tokens for `text`, polling for an interruption (interrupt.ts) every 1,024 lexemes.
 * With `tail`, they stop at the first token of a long stray tail no document can follow (stray-tail.ts).
 */
export function* cstTokens(text: string, tail?: StrayTail): Generator<CST.Token, void> {
  const parser = new Parser();
  const p = parser as unknown as ParserState;
  // another version of `yaml` with other fields: every lexeme through the Parser
  const between = isParserState(parser);
  const skipAfter = strayTailStop(text, tail);
  let n = 0;
  for (const lexeme of new GoLexer().lex(text)) {
    if ((++n & 1023) === 0) pollInterrupt();
    if (between && p.stack.length === 0) {
      if (p.atScalar) {
        // the scalar's source, after its indicator
        p.atScalar = false;
        p.source = lexeme;
        yield { type: 'error', offset: p.offset, message: 'Unexpected scalar token in YAML stream', source: lexeme };
        if (skipAfter(p.offset)) return;
        p.offset += lexeme.length;
        continue;
      }
      const type = CST.tokenType(lexeme);
      switch (type) {
        case 'scalar':
          p.source = lexeme;
          p.atNewLine = false;
          p.atScalar = true;
          p.type = 'scalar';
          continue;
        case 'byte-order-mark':
        case 'space':
        case 'comment':
        case 'newline':
          p.source = lexeme;
          p.type = type;
          yield { type, offset: p.offset, indent: p.indent, source: lexeme };
          if (type === 'newline') {
            p.atNewLine = true;
            p.indent = 0;
          } else if (type === 'space') {
            if (p.atNewLine && lexeme[0] === ' ') p.indent += lexeme.length;
          } else p.atNewLine = false;
          p.offset += lexeme.length;
          continue;
        case null:
        case undefined:
        case 'doc-mode':
        case 'doc-start':
        case 'doc-end':
        case 'directive-line':
        case 'flow-error-end':
          // opens something, or not a token: the Parser's own rules
          break;
        default:
          p.source = lexeme;
          p.type = type;
          yield { type: 'error', offset: p.offset, message: `Unexpected ${type} token in YAML stream`, source: lexeme };
          if (skipAfter(p.offset)) return;
          if (type === 'explicit-key-ind' || type === 'map-value-ind' || type === 'seq-item-ind') {
            if (p.atNewLine) p.indent += lexeme.length;
          } else p.atNewLine = false;
          p.offset += lexeme.length;
          continue;
      }
    }
    yield* parser.next(lexeme);
  }
  yield* parser.end();
}
