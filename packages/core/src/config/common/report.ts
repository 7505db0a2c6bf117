/**
 * The sink config validators report into: Prometheus's load errors (`error`) and promscope's own
 * findings (`warning`/`info`), placed at a decoded field (see decode.ts metaOf) or a given range.
 */
import type { Diagnostic, Range } from '../../diagnostics/types';
import { fieldRange, valueRange } from '../decode/decode';

export class Reporter {
  /**
   * `atLeast(major, minor)`: whether the Prometheus the file is checked for has that version (a
   * check that came later is not that version's load error); every version when not given
   */
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly atLeast: (major: number, minor: number) => boolean = () => true,
  ) {}

  /** a load error at `obj.field` (its key), or at the object when the field is absent */
  errorAt(obj: unknown, field: string | undefined, message: string, code = 'config/schema'): void {
    this.push('error', code, fieldRange(obj, field) ?? { start: 0, end: 0 }, message);
  }

  /** a load error at the value of `obj.field` */
  errorAtValue(obj: unknown, field: string, message: string, code = 'config/schema'): void {
    this.push('error', code, valueRange(obj, field) ?? { start: 0, end: 0 }, message);
  }

  push(severity: Diagnostic['severity'], code: string, range: Range, message: string, extra?: Partial<Diagnostic>): void {
    this.diagnostics.push({ code, severity, range, message, ...(extra ?? {}) });
  }
}

/** Go's "non-zero": set and not the zero value */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** `len(x) > 0` for strings */
export function nonEmpty(v: unknown): boolean {
  return typeof v === 'string' ? v.length > 0 : isSet(v);
}
