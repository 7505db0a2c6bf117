// Public API of @promscope/core. Pure: no I/O, no editor or terminal concerns.
export * from './diagnostics/types';
export * from './text/line-index';
export * from './options';
export * from './files';
export * from './analyze';
