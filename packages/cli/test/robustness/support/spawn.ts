/** Runs the real CLI asynchronously with a hard time bound (a hang is a result, not a stuck test). */
import { spawn } from 'node:child_process';
import { bin } from '../../helpers';

export interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export function runCliAsync(args: string[], opts: { cwd: string; timeoutMs: number; asNobody?: boolean; onStart?: () => void }): Promise<Spawned> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const [cmd, argv] =
    opts.asNobody && process.getuid?.() === 0
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args]]
      : [process.execPath, [bin, ...args]];
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(cmd, argv as string[], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, opts.timeoutMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - t0 });
    });
    opts.onStart?.();
  });
}
