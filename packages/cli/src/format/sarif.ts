/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, one rule per finding code, results with
 * a physical location relative to %SRCROOT% (the working folder), UTF-16 columns, end exclusive.
 *
 * The text is JSON.stringify's of the whole log, indented by two, but the results are written one
 * by one, as text (a worker thread writes its files' results: `sarifChunk`), and the report goes
 * out in parts: building 134,000 results as objects, then one 139 MB string, took twice the time
 * of the JSON format's run and as much memory again. A result's `ruleIndex` depends on every code
 * of the run: a chunk writes a marker in its place (NUL, the code, NUL: JSON text never holds a
 * NUL character), which the report replaces.
 */
import { pathToFileURL } from 'node:url';
import type { Finding } from '../findings';
import { lastOf, quote } from './json';
import { reportPieces, type Chunk, type Report } from './report';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A relative '/'-path as a URI reference (each segment percent-encoded). */
export function pathToUriReference(p: string): string {
  return p
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}

/** where the log's results start (a result's `{` and the lines of its members are indented from there) */
const RESULT_INDENT = 8;
const nl = (depth: number) => '\n' + ' '.repeat(RESULT_INDENT + 2 * depth);
/** between two results */
const SEPARATOR = ',' + nl(0);

function regionText(f: { line: number; column: number; endLine: number; endColumn: number }, d: number): string {
  return `{${nl(d + 1)}"startLine": ${f.line},${nl(d + 1)}"startColumn": ${f.column},${nl(d + 1)}"endLine": ${f.endLine},${nl(d + 1)}"endColumn": ${f.endColumn}${nl(d)}}`;
}

/** `{"uri": ..., "uriBaseId": "%SRCROOT%"}` at depth `d` */
function artifactText(uri: string, d: number): string {
  return `{${nl(d + 1)}"uri": ${uri},${nl(d + 1)}"uriBaseId": "%SRCROOT%"${nl(d)}}`;
}

/** one result, as JSON.stringify(log, null, 2) writes it in the log's results; `ruleIndex`: its text */
function resultText(f: Finding, ruleIndex: string, uri: string): string {
  const text = f.notes && f.notes.length > 0 ? `${f.message}\n${f.notes.map((n) => `note: ${n}`).join('\n')}` : f.message;
  let out =
    `{${nl(1)}"ruleId": ${quote(f.code)},${nl(1)}"ruleIndex": ${ruleIndex},${nl(1)}"level": "${LEVEL[f.severity]}",` +
    `${nl(1)}"message": {${nl(2)}"text": ${quote(text)}${nl(1)}},` +
    `${nl(1)}"locations": [${nl(2)}{${nl(3)}"physicalLocation": {${nl(4)}"artifactLocation": ${artifactText(uri, 4)},${nl(4)}"region": ${regionText(f, 4)}${nl(3)}}${nl(2)}}${nl(1)}]`;
  if (f.fix) {
    const edits = f.fix.edits;
    const replacements =
      edits.length === 0
        ? '[]'
        : `[${edits.map((e) => `${nl(6)}{${nl(7)}"deletedRegion": ${regionText(e, 7)},${nl(7)}"insertedContent": {${nl(8)}"text": ${quote(e.newText)}${nl(7)}}${nl(6)}}`).join(',')}${nl(5)}]`;
    out +=
      `,${nl(1)}"fixes": [${nl(2)}{${nl(3)}"description": {${nl(4)}"text": ${quote(f.fix.description)}${nl(3)}},` +
      `${nl(3)}"artifactChanges": [${nl(4)}{${nl(5)}"artifactLocation": ${artifactText(uri, 5)},${nl(5)}"replacements": ${replacements}${nl(4)}}${nl(3)}]${nl(2)}}${nl(1)}]`;
  }
  return `${out}${nl(0)}}`;
}

/** the results of `findings`, separated as in the log; `ruleIndex`: each code's index (its text) */
function resultsText(findings: readonly Finding[], ruleIndex: (code: string) => string): string {
  // joined: one flat string (see `jsonItems`)
  const uriOf = lastOf((file: string) => quote(pathToUriReference(file)));
  return findings.map((f) => resultText(f, ruleIndex(f.code), uriOf(f.file))).join(SEPARATOR);
}

const MARK = '\u0000';
const MARK_BYTE = 0;

/** One file's results for the log, each `ruleIndex` a marker for the report to replace (see the top). */
export function sarifChunk(findings: readonly Finding[]): string {
  return resultsText(findings, (code) => MARK + code + MARK);
}

/** a chunk's text cut at its markers: text, code, text, code, ..., text (a worker's chunk comes as bytes; a string is encoded first) */
function cutAtMarks(text: string | Uint8Array): (string | Uint8Array)[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const out: (string | Uint8Array)[] = [];
  let at = 0;
  for (let i = bytes.indexOf(MARK_BYTE); i >= 0; i = bytes.indexOf(MARK_BYTE, at)) {
    const j = bytes.indexOf(MARK_BYTE, i + 1);
    // a code is ASCII (a check id)
    out.push(bytes.subarray(at, i), bytes.toString('latin1', i + 1, j));
    at = j + 1;
  }
  out.push(bytes.subarray(at));
  return out;
}

/** The log, in parts whose concatenation is its text (see `formatReportParts`). */
export function sarifParts(report: Report): (string | Uint8Array)[] {
  const pieces = reportPieces(report);
  const cut = new Map<Chunk, (string | Uint8Array)[]>();
  const codes = new Set(report.findings.map((f) => f.code));
  for (const p of pieces) {
    if (Array.isArray(p)) continue;
    const parts = cutAtMarks(p.text);
    cut.set(p, parts);
    for (let k = 1; k < parts.length; k += 2) codes.add(parts[k] as string);
  }
  const ruleIds = [...codes].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, String(i)]));
  const base = pathToFileURL(report.cwd).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'promscope',
            version: report.version,
            semanticVersion: report.version,
            informationUri: 'https://github.com/promscope/promscope',
            rules: ruleIds.map((id) => ({ id, name: id, shortDescription: { text: id } })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: base.endsWith('/') ? base : base + '/' } },
        columnKind: 'utf16CodeUnits',
        results: pieces.length === 0 ? [] : [MARK],
      },
    ],
  };
  const whole = JSON.stringify(log, null, 2) + '\n';
  if (pieces.length === 0) return [whole];
  // the log around its results: the results go where the marker (written escaped) is
  const at = whole.indexOf('"\\u0000"');
  const out: (string | Uint8Array)[] = [whole.slice(0, at)];
  pieces.forEach((p, i) => {
    if (i > 0) out.push(SEPARATOR);
    if (Array.isArray(p)) {
      out.push(resultsText(p, (code) => ruleIndex.get(code)!));
      return;
    }
    const parts = cut.get(p)!;
    for (let k = 0; k < parts.length; k++) out.push(k % 2 === 0 ? parts[k]! : ruleIndex.get(parts[k] as string)!);
  });
  out.push(whole.slice(at + '"\\u0000"'.length));
  return out;
}
