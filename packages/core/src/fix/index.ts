/** Fix application: text edits → new text, with a guard hook. See apply.ts. */
export * from './apply';
