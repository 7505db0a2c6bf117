/** Workspace-level analysis: file summaries and the pure cross-file pass over them. */
export * from './summary';
export * from './cross-file';
