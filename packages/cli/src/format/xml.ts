/** XML escaping for the checkstyle and JUnit formats. */
export function xmlEscape(s: string): string {
  // characters XML 1.0 cannot carry at all are dropped
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
