/**
 * The flag walk shared by the tool commands (relabel, route): `--flag value`, `--flag=value`,
 * `--config`/`-c`/`--config.file`, `-h`/`--help`, positional words; each command adds its own flags.
 */
export interface CommandArgs {
  config?: string;
  positionals: string[];
}

/**
 * `handle` answers a command's own flag: true when taken, false when unknown, or an error message.
 * Returns the common part, `'help'`, or an error message.
 */
export function walkFlags(args: string[], handle: (flag: string, value: () => string | undefined) => boolean | string): CommandArgs | string {
  const out: CommandArgs = { positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '--config' || flag === '--config.file' || flag === '-c') {
      out.config = value();
      if (!out.config) return `${flag} needs a file`;
      continue;
    }
    if (!a.startsWith('-')) {
      out.positionals.push(a);
      continue;
    }
    const r = handle(flag, value);
    if (typeof r === 'string') return r;
    if (!r) return `unknown flag ${a}`;
  }
  return out;
}
