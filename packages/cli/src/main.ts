/**
 * Entry of the bundled `promscope` CLI (and of its worker threads). Catches everything: a usage
 * problem is one line and exit 2, an internal failure is one line and exit 2 (the stack only with
 * --debug); never an uncaught exception.
 */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseArgs, UsageError } from './args';
import { CHECK_HELP, MAIN_HELP } from './help';
import { WORKER_MARKER } from './worker-marker';
import { VERSION } from './version';

function writeStdout(s: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(s, (err) => (err ? reject(err) : resolve()));
  });
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const sub = SUBCOMMANDS[argv[0] ?? ''];
    if (sub) return await sub(argv.slice(1));
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') {
      await writeStdout(cmd.topic === 'check' ? CHECK_HELP : MAIN_HELP);
      return 0;
    }
    if (cmd.command === 'version') {
      await writeStdout(`promscope ${VERSION}\n`);
      return 0;
    }
    // loaded on demand: --help and --version do not pay for the analyzer's start-up
    const { readAllStdin, runCheck } = await import('./run-check');
    // the run exercised the analyzer: worth writing the launcher's code cache if it has none
    (globalThis as { __promscopeCodeCacheWanted?: boolean }).__promscopeCodeCacheWanted = true;
    return await runCheck(cmd, {
      cwd: process.cwd(),
      env: process.env,
      stdoutIsTTY: Boolean(process.stdout.isTTY),
      write: writeStdout,
      writeErr: (s) => process.stderr.write(s),
      readStdin: readAllStdin,
      // worker threads start from the launcher, which loads this bundle as the main thread's did
      workerUrl: new URL('../bin/promscope.js', import.meta.url),
    });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`promscope: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'EPIPE') return 0; // the reader went away (e.g. `| head`)
    reportInternalFailure(e, debug);
    return 2;
  }
}

/** the tools beside `check`, each a module of its own under commands/ (loaded on demand) */
const SUBCOMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  graph: async (args) => {
    const { runGraphCommand, nodeGraphIO } = await import('./commands/graph');
    return runGraphCommand(args, nodeGraphIO(process.cwd()));
  },
  relabel: async (args) => {
    const { runRelabelCommand } = await import('./commands/relabel');
    return runRelabelCommand(args, await simpleIO());
  },
  route: async (args) => {
    const { runRouteCommand } = await import('./commands/route');
    return runRouteCommand(args, await simpleIO());
  },
};

async function simpleIO() {
  return {
    readFile: (p: string) => readFileSync(p, 'utf8'),
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
  };
}

/** One line on stderr (the stack only with --debug). */
function reportInternalFailure(e: unknown, debug: boolean): void {
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`promscope: internal failure: ${msg}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
}

if (!isMainThread && (workerData as { marker?: string } | null)?.marker === WORKER_MARKER && parentPort) {
  const port = parentPort;
  void import('./pool').then(({ runWorker }) => runWorker(port));
} else {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  process.on('uncaughtException', (e) => {
    reportInternalFailure(e, process.argv.includes('--debug'));
    process.exit(2);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // the command is done and its output written: exit now, not after the event loop has drained
      // and V8 has torn down a heap of hundreds of MB (~1.5% of a 5,000-file check); output still
      // queued (a slow pipe) is left to drain first
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    },
    () => {
      process.exitCode = 2;
    },
  );
}
