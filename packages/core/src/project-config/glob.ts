/**
 * Path globs for `.promscope.yml` (`include`, `exclude`, `ruleFiles`, `overrides[].files`), matched
 * against '/'-separated paths relative to the config file's folder. Pure, no dependency.
 *
 *   *  any run of characters except '/'      ?  one character except '/'
 *   ** any number of folders                 {a,b}  alternatives      [abc] [!abc]  classes
 * A pattern without '/' matches the file name at any depth (`*.rules`); a leading '/' or './'
 * anchors to the config folder. A pattern also matches everything below a folder it matches
 * (`vendor` and `vendor/` both cover `vendor/x/y.yml`).
 */

const cache = new Map<string, RegExp>();

function escapeChar(c: string): string {
  return /[.+^$()|\\]/.test(c) ? '\\' + c : c;
}

/** Compiles one glob to an anchored regular expression over relative paths. */
export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let g = glob.trim().replace(/\\/g, '/');
  let anchored = false;
  if (g.startsWith('./')) {
    g = g.slice(2);
    anchored = true;
  } else if (g.startsWith('/')) {
    g = g.slice(1);
    anchored = true;
  }
  if (g.endsWith('/')) g = g.slice(0, -1);
  if (!anchored && !g.includes('/')) g = '**/' + g;
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atStart = i === 0 || g[i - 1] === '/';
        const slashAfter = g[i + 2] === '/';
        i++;
        if (atStart && slashAfter) {
          re += '(?:[^/]*/)*';
          i++;
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = g.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += escapeChar(c);
  }
  while (braces-- > 0) re += ')';
  let compiled: RegExp;
  try {
    compiled = new RegExp('^' + re + '$');
  } catch {
    compiled = /$^/; // a malformed class: matches nothing (the config validator reports it)
  }
  cache.set(glob, compiled);
  return compiled;
}

/** Is `glob` well-formed? Returns a message when it is not. */
export function globError(glob: string): string | null {
  if (glob.trim() === '') return 'empty glob';
  let depth = 0;
  for (const c of glob) {
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (depth < 0) return `unbalanced '}' in glob "${glob}"`;
  }
  if (depth !== 0) return `unclosed '{' in glob "${glob}"`;
  return null;
}

/** Does a relative path (or one of the folders it lies in) match any of the globs? */
export function matchesAnyGlob(globs: readonly string[], relPath: string): boolean {
  if (globs.length === 0) return false;
  const p = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  const candidates = [p];
  for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) candidates.push(p.slice(0, i));
  return globs.some((g) => {
    const re = globToRegExp(g);
    return candidates.some((c) => re.test(c));
  });
}
