/**
 * `f` remembered for the latest texts it was called with: at most `max` of them, all forgotten at
 * once when full (the texts of one run repeat: the same expressions and names across the rules of
 * a file, the same file again after an edit). `f` must be pure, and its results are shared: never
 * modified by a caller.
 */
export function memoByText<T>(f: (text: string) => T, max = 4096): (text: string) => T {
  const recent = new Map<string, T>();
  return (text) => {
    let v = recent.get(text);
    if (v === undefined) {
      v = f(text);
      if (recent.size >= max) recent.clear();
      recent.set(text, v);
    }
    return v;
  };
}
