/**
 * A faithful model of Prometheus's `labels.Builder` (base labels + ordered additions + deletions):
 * the order in which `Range` visits labels matters for `labelmap`, and `Set` with an empty value
 * deletes, exactly as in Prometheus.
 */
export type LabelSet = Record<string, string>;

export class LabelBuilder {
  private base: Array<[string, string]>;
  private add: Array<[string, string]> = [];
  private del: string[] = [];

  constructor(labels: LabelSet) {
    this.base = Object.entries(labels)
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get(name: string): string {
    for (const [n, v] of this.add) if (n === name) return v;
    if (this.del.includes(name)) return '';
    for (const [n, v] of this.base) if (n === name) return v;
    return '';
  }

  set(name: string, value: string): void {
    if (value === '') {
      this.delete(name);
      return;
    }
    for (const a of this.add) {
      if (a[0] === name) {
        a[1] = value;
        return;
      }
    }
    this.add.push([name, value]);
  }

  delete(name: string): void {
    this.add = this.add.filter(([n]) => n !== name);
    this.del.push(name);
  }

  /** visits the current labels: unchanged base labels in order, then additions in insertion order */
  range(f: (name: string, value: string) => void): void {
    const add = this.add.map(([n, v]) => [n, v] as [string, string]);
    const del = [...this.del];
    for (const [n, v] of this.base) {
      if (!del.includes(n) && !add.some(([an]) => an === n)) f(n, v);
    }
    for (const [n, v] of add) f(n, v);
  }

  /** the resulting label set, sorted by name */
  labels(): LabelSet {
    const out: Array<[string, string]> = [];
    this.range((n, v) => out.push([n, v]));
    out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const res: LabelSet = {};
    for (const [n, v] of out) res[n] = v;
    return res;
  }
}
