// Public API of @promscope/core. Pure: no I/O, no editor or terminal concerns.
export * from './diagnostics/types';
export * from './text/line-index';
export * from './options';
export * from './files';
export * from './analyze';
export * from './project-config/index';
export * from './suppress/index';
export * from './fix/index';
export * from './detect';
export * from './yaml/index';
export * from './rules/index';
export * from './workspace/index';
export * from './services/index';
