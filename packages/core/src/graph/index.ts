/** Rule dependency graph across the workspace. */
export * from './build';
export * from './cycles';
export * from './render';
