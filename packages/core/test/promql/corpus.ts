/**
 * Test helpers: load the shared corpus (never copied into the repo) — Prometheus's parser test cases
 * and every `expr:` of the corpus rule files — and map parser options to analyzer options.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { PromQLParseOptions } from '../../src/promql/index';

export const CORPUS = new URL('../../../../../shared/corpus/', import.meta.url).pathname;

export interface ParserCase {
  input: string | null;
  fail: boolean;
  errMsg: string | null;
  errors?: Array<{ start: number | null; end: number | null; msg: string }> | { repeat: unknown };
  source: string;
  kind: 'expr' | 'series' | 'histogram-to-series-notation';
  parserOptions: Record<string, boolean>;
}

export function loadParserCases(): ParserCase[] {
  return JSON.parse(readFileSync(join(CORPUS, 'promql/parser-cases.json'), 'utf8')) as ParserCase[];
}

/** Analyzer options equivalent to the Go test's parser.Options. */
export function optionsFor(po: Record<string, boolean>): PromQLParseOptions {
  const features: string[] = [];
  if (po.EnableExperimentalFunctions) features.push('promql-experimental-functions');
  if (po.EnableExtendedRangeSelectors) features.push('promql-extended-range-selectors');
  if (po.EnableBinopFillModifiers) features.push('promql-binop-fill-modifiers');
  if (po.ExperimentalDurationExpr) features.push('promql-duration-expr');
  // Before 3.14 duration expressions were off unless the option was set: mimic the bare option.
  return { features, prometheusVersion: po.ExperimentalDurationExpr ? '3.14' : '3.13' };
}

/** UTF-16 offset of a Go byte offset into `s`. */
export function byteToUtf16(s: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  for (const ch of s) {
    if (bytes >= byteOffset) break;
    bytes += Buffer.byteLength(ch, 'utf8');
    i += ch.length;
  }
  return i;
}

export interface RuleExpr {
  file: string;
  expr: string;
}

/** Every `expr:` string in the corpus rule files (YAML), with the file it came from. */
export function loadRuleExprs(): RuleExpr[] {
  const out: RuleExpr[] = [];
  const root = join(CORPUS, 'rules');
  const walkDir = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walkDir(p);
      else if (/\.ya?ml$/.test(f)) {
        let docs: unknown[];
        try {
          docs = parseAllDocuments(readFileSync(p, 'utf8')).map((x) => x.toJS());
        } catch {
          continue;
        }
        const visit = (o: unknown): void => {
          if (Array.isArray(o)) o.forEach(visit);
          else if (o && typeof o === 'object') {
            for (const [k, v] of Object.entries(o)) {
              if (k === 'expr' && typeof v === 'string') out.push({ file: p.slice(root.length + 1), expr: v });
              else visit(v);
            }
          }
        };
        docs.forEach(visit);
      }
    }
  };
  walkDir(root);
  return out;
}
