/**
 * Encoding PromQL text for the YAML scalar style it is written into: what an edit inside a quoted
 * scalar must insert so that the decoded value is the intended PromQL.
 */
import type { ScalarStyle } from '../yaml/types';

export function encodeForStyle(text: string, style: ScalarStyle): string {
  if (style === 'double') {
    return text.replace(/[\\"\n\t]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : '\\' + c));
  }
  if (style === 'single') return text.replace(/'/g, "''");
  return text;
}
