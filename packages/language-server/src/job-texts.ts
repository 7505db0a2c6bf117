/**
 * A job's text on its way to a worker thread. Posting a message copies every string in it, on the
 * main thread, and a 1,000-rule file is 200 KB (400 KB once it holds a character outside Latin-1):
 * copied for the analyzer after every keystroke, and for the modeller again. So each worker keeps
 * the last text it was sent of each document, and a job whose document it holds carries only the
 * edit from that text (what lies between the two texts' common beginning and end).
 *
 * The main thread decides what the worker holds: it sends whole texts, edits, and the documents
 * to forget (beyond `MAX_TEXTS`, the least recently sent), and messages arrive in the order they
 * were posted, so both sides always agree. The worker takes a text in when the message arrives,
 * whether or not the job then runs.
 */
import { commonPrefix, commonSuffix } from '@promscope/core';

/** documents whose last text a worker keeps */
export const MAX_TEXTS = 64;

/** a text as the edit of another: `remove` characters at `at` replaced by `insert` */
export interface TextEdit {
  at: number;
  remove: number;
  insert: string;
}

/** a job's text as posted: whole, or the edit of the document's last text sent */
export interface TextOnWire {
  uri: string;
  text?: string;
  /** the new text is the last one with this edit */
  edit?: TextEdit;
  /** documents whose texts the worker drops (before taking this one in) */
  forget?: string[];
}

/** The main thread's side: what each worker holds. */
export class TextSender {
  private readonly sent = new Map<string, string>();

  constructor(private readonly max = MAX_TEXTS) {}

  /**
   * `text` of `uri` as posted to the worker, which then holds it. `editFrom`: the edit that makes
   * `text` of an earlier text, when the caller knows it (an editor buffer: editor-text.ts), so that
   * the two texts need not be compared (which would read the whole of both)
   */
  wire(uri: string, text: string, editFrom?: (last: string) => TextEdit | undefined): TextOnWire {
    const last = this.sent.get(uri);
    this.sent.delete(uri); // re-inserted: the most recent last
    this.sent.set(uri, text);
    const out: TextOnWire = { uri };
    if (this.sent.size > this.max) {
      const oldest = this.sent.keys().next().value!;
      this.sent.delete(oldest);
      out.forget = [oldest];
    }
    if (last === undefined) out.text = text;
    else if (last !== text) {
      const known = editFrom?.(last);
      if (known) {
        out.edit = known;
        return out;
      }
      const at = commonPrefix(last, text);
      const keep = commonSuffix(last, text, at);
      out.edit = { at, remove: last.length - at - keep, insert: text.slice(at, text.length - keep) };
    }
    // the same text: neither (the worker has it)
    return out;
  }
}

/** The worker's side: the texts it holds. */
export class TextReceiver {
  private readonly texts = new Map<string, string>();

  /** the text a message carries, whole or from the document's last one */
  take(w: TextOnWire): string {
    for (const uri of w.forget ?? []) this.texts.delete(uri);
    let text: string;
    if (w.text !== undefined) text = w.text;
    else {
      const last = this.texts.get(w.uri);
      // cannot happen (the sender knows what is held); a clear failure if it does
      if (last === undefined) throw new Error(`no earlier text of ${w.uri} to apply an edit to`);
      text = w.edit ? last.slice(0, w.edit.at) + w.edit.insert + last.slice(w.edit.at + w.edit.remove) : last;
    }
    this.texts.delete(w.uri);
    this.texts.set(w.uri, text);
    return text;
  }

  /** documents held (tests) */
  get size(): number {
    return this.texts.size;
  }
}
