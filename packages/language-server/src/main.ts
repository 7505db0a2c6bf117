/**
 * Entry point of `promscope-language-server`: `--stdio` (default) or `--node-ipc`.
 * Bundled by scripts/build.mjs into dist/server.js. The same bundle is the analysis worker
 * (analysis-runner.ts) when started as a worker thread with the analyzer role.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { MODELLER_ROLE, serveAnalysisJobs, serveModelJobs, WORKER_ROLE } from './analysis-runner';
import { SERVER_NAME, SERVER_VERSION, startServer } from './server';

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
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
  // a stray console.log must never corrupt the protocol stream on stdout
  console.log = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');
  process.on('uncaughtException', (e) => process.stderr.write(`${SERVER_NAME}: uncaught exception: ${e?.stack ?? e}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`${SERVER_NAME}: unhandled rejection: ${String(e)}\n`));
  startServer(createConnection(ProposedFeatures.all));
}

const role = isMainThread ? undefined : (workerData as { role?: string } | null)?.role;
if (role === WORKER_ROLE) serveAnalysisJobs(parentPort!);
else if (role === MODELLER_ROLE) serveModelJobs(parentPort!);
else main();
