/** `.promscope.yml`: model, parser and per-path resolution. */
export * from './types';
export * from './parse';
export * from './resolve';
export * from './glob';
export * from './feature-flags';
export * from './lookup';
