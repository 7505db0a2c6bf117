// Every `expr:` string of the YAML files below a folder (the corpus rule files: rule groups,
// PrometheusRule manifests, rule unit tests), in file order. `parseAllDocuments` is the `yaml`
// package's (the callers load it their own way); a file that does not parse is skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function corpusExprs(dir, parseAllDocuments) {
  const out = [];
  const visit = (o) => {
    if (Array.isArray(o)) o.forEach(visit);
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) k === 'expr' && typeof v === 'string' ? out.push(v) : visit(v);
  };
  const walk = (d) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f)) {
        let docs;
        try {
          docs = parseAllDocuments(readFileSync(p, 'utf8')).map((x) => x.toJS());
        } catch {
          continue;
        }
        docs.forEach(visit);
      }
    }
  };
  walk(dir);
  return out;
}
