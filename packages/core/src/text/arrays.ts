/**
 * `into.push(...items)` passes every item as an argument: past roughly 100,000 items that overflows
 * the call stack. Lists that grow with the input (diagnostics of a 20 MB file, findings of a whole
 * workspace) are appended with this loop instead.
 */
export function pushAll<T>(into: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) into.push(items[i]!);
  return into;
}
