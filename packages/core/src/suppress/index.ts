/** Inline suppression comments (`# promscope-disable-next-line ...`, pint aliases). */
export * from './directives';
export * from './apply';
export { pintAliases } from './pint-aliases';
