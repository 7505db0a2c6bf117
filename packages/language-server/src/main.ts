/**
 * Entry point of `promscope-language-server`: `--stdio` (default) or `--node-ipc`.
 * Bundled by scripts/build.mjs into dist/server.js. The same bundle is the analysis worker
 * (analysis-runner.ts) when started as a worker thread with the analyzer role.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { MODELLER_ROLE, serveAnalysisJobs, serveModelJobs, WORKER_ROLE } from './analysis-runner';
import { IdleCollector } from './idle-gc';
import { IncomingVersions, NoticingReader } from './incoming';
import { SERVER_NAME, SERVER_VERSION, shutdownRequested, startServer } from './server';
import { jsonEncoder, useRawDiagnostics } from './wire';

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--version')) {
    process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
    process.exit(0);
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `usage: ${SERVER_NAME} [--stdio | --node-ipc]\n\nA Language Server Protocol server for Prometheus rule files, prometheus.yml,\nalertmanager.yml, Grafana dashboards and .promql files.\n`,
    );
    process.exit(0);
  }
  // vscode-languageserver picks the transport from --stdio / --node-ipc / --socket on argv;
  // with no flag, talk over stdio like most language servers
  const stdio = !args.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
  if (stdio && !args.includes('--stdio')) process.argv.push('--stdio');
  // a stray console.log must never corrupt the protocol stream on stdout
  console.log = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');
  process.on('uncaughtException', (e) => process.stderr.write(`${SERVER_NAME}: uncaught exception: ${e?.stack ?? e}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`${SERVER_NAME}: unhandled rejection: ${String(e)}\n`));
  const incoming = new IncomingVersions();
  startServer(stdio ? stdioConnection(incoming) : createConnection(ProposedFeatures.all), stdio ? incoming : undefined);
}

/**
 * The connection over stdin/stdout, as `createConnection` makes it for `--stdio`, but with a
 * writer that sends diagnostics the analysis worker already encoded as they are (wire.ts), and a
 * reader that notes the versions of the documents it reads (incoming.ts).
 */
function stdioConnection(incoming: IncomingVersions): Connection {
  const connection = createConnection(ProposedFeatures.all, new NoticingReader(process.stdin, incoming), new StreamMessageWriter(process.stdout, { contentTypeEncoder: jsonEncoder }));
  useRawDiagnostics();
  // what createConnection does for stdio streams: the client closing its end ends the server...
  const exit = () => process.exit(shutdownRequested ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  // ...and console output goes to the client's log, never into the protocol stream
  const text = (a: unknown[]) => a.map((x) => (typeof x === 'string' ? x : inspect(x))).join(' ');
  console.log = (...a: unknown[]) => connection.console.log(text(a));
  console.info = (...a: unknown[]) => connection.console.info(text(a));
  console.debug = (...a: unknown[]) => connection.console.log(text(a));
  console.warn = (...a: unknown[]) => connection.console.warn(text(a));
  console.error = (...a: unknown[]) => connection.console.error(text(a));
  return connection;
}

const role = isMainThread ? undefined : (workerData as { role?: string } | null)?.role;
if (role === WORKER_ROLE) serveAnalysisJobs(parentPort!, new IdleCollector(), (workerData as { stop?: Int32Array }).stop);
else if (role === MODELLER_ROLE) serveModelJobs(parentPort!, (workerData as { stop?: Int32Array }).stop);
else main();
