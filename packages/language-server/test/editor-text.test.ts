/**
 * The editor's text in pieces (editor-text.ts) against `vscode-languageserver-textdocument`'s
 * `TextDocument`, the reference: the same random changes (line breaks of every kind, characters
 * outside the BMP, ranges past line ends or reversed, whole-text changes, edits across pieces) give
 * the same text, line count, offsets and positions; the line starts are those of core's `LineIndex`;
 * `editFrom` gives an edit that rebuilds the current text from each recent one.
 */
import { expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from '@promscope/core';
import { EditorText, MAX_PIECE } from '../src/editor-text';
import { prng } from '../../core/test/support/prng';

const FRAGMENTS = ['x', 'é', '😀', '\n', '\r\n', '\r', '  ', 'expr: sum(rate(x[5m]))\n', '', '\n\n', 'a\rb\r\nc\nd'];

function randomChange(rnd: () => number, ref: TextDocument): TextDocumentContentChangeEvent {
  const text = ref.getText();
  if (rnd() < 0.01) return { text: pick(rnd, FRAGMENTS).repeat(1 + Math.floor(rnd() * 3000)) };
  const pos = () => {
    // a position anywhere, past the end of its line or of the document too
    const line = Math.floor(rnd() * (ref.lineCount + 1));
    return { line, character: Math.floor(rnd() * 40) };
  };
  const a = pos();
  const b = rnd() < 0.5 ? a : rnd() < 0.1 ? pos() : { line: a.line + Math.floor(rnd() * 3), character: Math.floor(rnd() * 40) };
  const big = rnd() < 0.02 ? 'y'.repeat(Math.floor(rnd() * 3 * MAX_PIECE)) : '';
  return { range: { start: a, end: b }, text: big || (text.length > 400_000 ? '' : pick(rnd, FRAGMENTS)) };
}

const pick = <T>(rnd: () => number, xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;

test('the same text, lines, offsets and positions as TextDocument under random changes', () => {
  const rnd = prng(20261127);
  let checked = 0;
  for (let doc = 0; doc < 6; doc++) {
    const start = 'groups:\r\n  - name: g\n    rules: []\r'.repeat(doc * 1500);
    let ref = TextDocument.create('file:///a.yml', 'yaml', 1, start);
    const ours = new EditorText('file:///a.yml', 'yaml', 1, start);
    for (let v = 2; v < 400; v++) {
      const changes = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => randomChange(rnd, ref));
      // each change against the reference made afresh: an updated TextDocument can miscount lines
      // (a `\r` typed where a range ends before a `\n`); its text is right
      for (const c of changes) {
        const text = ref.getText();
        ref = TextDocument.create(ref.uri, 'yaml', v, text);
        TextDocument.update(ref, [c], v);
      }
      ours.update(changes, v);
      const text = ref.getText();
      ref = TextDocument.create(ref.uri, 'yaml', v, text);
      expect(ours.getText()).toBe(text);
      expect(ours.version).toBe(v);
      expect(ours.lineCount).toBe(ref.lineCount);
      expect(ours.lineStarts()).toEqual(new LineIndex(text).lineStarts);
      for (let k = 0; k < 20; k++) {
        const offset = Math.floor(rnd() * (text.length + 3)) - 1;
        expect(ours.positionAt(offset)).toEqual(ref.positionAt(offset));
        const p = { line: Math.floor(rnd() * (ref.lineCount + 1)), character: Math.floor(rnd() * 50) };
        expect(ours.offsetAt(p)).toBe(ref.offsetAt(p));
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(40_000);
});

test('short texts of line breaks only: the line starts of every edit', () => {
  const rnd = prng(11);
  const parts = ['x', '\n', '\r\n', '\r', '', 'a\rb\r\nc\nd', '\n\n'];
  for (let run = 0; run < 3000; run++) {
    let text = Array.from({ length: 6 }, () => pick(rnd, parts)).join('');
    const ours = new EditorText('file:///d.yml', 'yaml', 1, text);
    for (let v = 2; v < 6; v++) {
      const ref = TextDocument.create('file:///d.yml', 'yaml', 1, text);
      const a = { line: Math.floor(rnd() * (ref.lineCount + 1)), character: Math.floor(rnd() * 4) };
      const b = rnd() < 0.5 ? a : { line: a.line + Math.floor(rnd() * 2), character: Math.floor(rnd() * 4) };
      const change = { range: { start: a, end: b }, text: pick(rnd, parts) };
      TextDocument.update(ref, [change], v);
      ours.update([change], v);
      text = ref.getText();
      expect(ours.getText()).toBe(text);
      expect(ours.lineStarts()).toEqual(new LineIndex(text).lineStarts);
    }
  }
});

test('editFrom: one edit from each recent text to the current one, touching only what changed', () => {
  const rnd = prng(7);
  const start = '- record: a:b\n  expr: up\n'.repeat(4000);
  const ref = TextDocument.create('file:///b.yml', 'yaml', 1, start);
  const ours = new EditorText('file:///b.yml', 'yaml', 1, start);
  const texts: string[] = [start];
  let found = 0;
  for (let v = 2; v < 300; v++) {
    const a = { line: Math.floor(rnd() * ref.lineCount), character: Math.floor(rnd() * 12) };
    const change = { range: { start: a, end: rnd() < 0.3 ? { line: a.line, character: a.character + 3 } : a }, text: pick(rnd, ['x', '\n', '', 'é😀']) };
    TextDocument.update(ref, [change], v);
    ours.update([change], v);
    const now = ref.getText();
    for (const back of [1, 2, 5, 8]) {
      const prev = texts[texts.length - back];
      if (prev === undefined) continue;
      const e = ours.editFrom(prev);
      expect(e).toBeDefined();
      expect(prev.slice(0, e!.at) + e!.insert + prev.slice(e!.at + e!.remove)).toBe(now);
      // from the last text: the keystroke itself
      if (back === 1) expect(e!.insert).toBe(change.text);
      found++;
    }
    // another text: none
    expect(ours.editFrom('another text')).toBeUndefined();
    // a version older than the last 8: none (or, if it is the same text as a later one, a right edit)
    const old = texts[texts.length - 9];
    if (old !== undefined) {
      const e = ours.editFrom(old);
      if (e) expect(old.slice(0, e.at) + e.insert + old.slice(e.at + e.remove)).toBe(now);
    }
    texts.push(now);
  }
  expect(found).toBeGreaterThan(1000);
});

test('a short text keeps no versions (it is compared whole instead)', () => {
  const ours = new EditorText('file:///s.yml', 'yaml', 1, 'groups: []\n');
  const before = ours.getText();
  ours.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }], 2);
  expect(ours.editFrom(before)).toBeUndefined();
});

test('a keystroke changes one piece, and no piece grows past MAX_PIECE', () => {
  const start = 'x'.repeat(10 * MAX_PIECE);
  const ours = new EditorText('file:///c.yml', 'yaml', 1, start);
  const before = (ours as unknown as { pieces: string[] }).pieces.slice();
  ours.update([{ range: { start: { line: 0, character: 5 * MAX_PIECE + 3 }, end: { line: 0, character: 5 * MAX_PIECE + 3 } }, text: 'y' }], 2);
  const after = (ours as unknown as { pieces: string[] }).pieces;
  expect(after.length).toBe(before.length);
  expect(after.filter((p, i) => p !== before[i]).length).toBe(1);
  expect(Math.max(...after.map((p) => p.length))).toBeLessThanOrEqual(MAX_PIECE);
});
