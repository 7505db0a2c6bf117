/** Real PromQL from ../shared/corpus (by path from the repo root, never copied in). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const corpusRoot = path.resolve(process.cwd(), '../shared/corpus');

export function walkFiles(dir: string, ext = /\.(ya?ml|json|rules)$/i): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walkFiles(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** Every distinct `expr:` string of the corpus rule files (plain rule files and PrometheusRule CRDs). */
export function corpusExpressions(): string[] {
  const seen = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'expr' && typeof x === 'string' && x.trim() !== '') seen.add(x);
        else visit(x);
      }
    }
  };
  for (const f of walkFiles(path.join(corpusRoot, 'rules'))) {
    try {
      for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) if ('toJS' in doc) visit(doc.toJS());
    } catch {
      /* a deliberately broken test file */
    }
  }
  return [...seen];
}
