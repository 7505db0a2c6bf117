/**
 * Job texts to the worker threads (job-texts.ts): a worker rebuilds every text it is sent, whole or
 * as an edit of the last one of its document, over random edits in several documents and with
 * documents forgotten beyond its limit; an edit carries the changed part only.
 */
import { expect, test } from 'vitest';
import { TextReceiver, TextSender, type TextOnWire } from '../src/job-texts';
import { EditorText } from '../src/editor-text';
import { prng } from '../../core/test/support/prng';

test('the worker rebuilds each text from what it holds', () => {
  const rnd = prng(20261126);
  const sender = new TextSender(4);
  const receiver = new TextReceiver();
  const texts = new Map<string, string>();
  let edits = 0;
  let carried = 0;
  let whole = 0;
  for (let step = 0; step < 2000; step++) {
    const uri = `file:///w/d${Math.floor(rnd() * 6)}.yml`;
    let text = texts.get(uri) ?? 'groups:\n  - name: g\n    rules: []\n'.repeat(1 + Math.floor(rnd() * 50));
    const r = rnd();
    const at = Math.floor(rnd() * (text.length + 1));
    if (r < 0.4) text = text.slice(0, at) + pick(rnd, ['x', 'é', '😀', '\n', '\r\n', '  ']) + text.slice(at);
    else if (r < 0.8) text = text.slice(0, at) + text.slice(at + Math.floor(rnd() * 10));
    else if (r < 0.9 && text.length < 20_000) text = text + text.slice(0, at); // a repeated part (the common ends overlap)
    // else: the same text again
    texts.set(uri, text);
    // what crosses is a structured clone
    const w: TextOnWire = structuredClone(sender.wire(uri, text));
    if (w.edit) {
      edits++;
      carried += w.edit.insert.length;
      whole += text.length;
    }
    expect(receiver.take(w)).toBe(text);
    expect(receiver.size).toBeLessThanOrEqual(4);
  }
  expect(edits).toBeGreaterThan(1000);
  expect(carried / whole).toBeLessThan(0.05);
});

test('a document forgotten is sent whole again', () => {
  const sender = new TextSender(2);
  const receiver = new TextReceiver();
  for (const uri of ['a', 'b', 'c']) receiver.take(sender.wire(uri, `text of ${uri}`));
  const again = sender.wire('a', 'text of a, edited');
  expect(again.text).toBe('text of a, edited');
  expect(again.forget).toEqual(['b']);
  expect(receiver.take(again)).toBe('text of a, edited');
  // the least recently sent goes (`a` was sent before `b`, and again after it)
  const lru = new TextSender(2);
  for (const [uri, text] of [['a', '1'], ['b', '1'], ['a', '2']]) lru.wire(uri!, text!);
  expect(lru.wire('c', '1').forget).toEqual(['b']);
  // an edit of a text the worker does not hold is a bug, reported as one
  expect(() => new TextReceiver().take({ uri: 'x', edit: { at: 0, remove: 0, insert: 'y' } })).toThrow(/no earlier text/);
});

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

test('an editor buffer gives the edit: the worker rebuilds each text from it', () => {
  const rnd = prng(20261127);
  const sender = new TextSender(4);
  const receiver = new TextReceiver();
  const docs = Array.from({ length: 3 }, (_, i) => new EditorText(`file:///w/e${i}.yml`, 'yaml', 1, '- record: a:b\n  expr: up\n'.repeat(2000)));
  let given = 0;
  for (let step = 0; step < 1000; step++) {
    const doc = pick(rnd, docs);
    const line = Math.floor(rnd() * doc.lineCount);
    doc.update([{ range: { start: { line, character: 2 }, end: { line, character: 2 + Math.floor(rnd() * 3) } }, text: pick(rnd, ['x', '\n', '', 'é']) }], doc.version + 1);
    // now and then a worker is sent a text a few versions behind (its jobs were dropped meanwhile)
    if (rnd() < 0.3) continue;
    const text = doc.getText();
    const w: TextOnWire = structuredClone(
      sender.wire(doc.uri, text, (last) => {
        const e = doc.editFrom(last);
        if (e) given++;
        return e;
      }),
    );
    expect(receiver.take(w)).toBe(text);
  }
  expect(given).toBeGreaterThan(500);
});
