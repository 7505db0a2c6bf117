/**
 * Server logs: to the client's output channel (`window/logMessage`), with timestamps and a level
 * threshold (`promscope.trace.server`-like setting `logLevel`). Messages are meant to be pasted
 * into a bug report: they say what was analysed, how long it took, and what failed.
 */
import type { Connection } from 'vscode-languageserver';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export class Logger {
  level: LogLevel = 'info';
  constructor(private readonly connection: Connection) {}

  private write(level: LogLevel, msg: string): void {
    if (RANK[level] > RANK[this.level]) return;
    const line = `[${new Date().toISOString()}] ${level.toUpperCase()} ${msg}`;
    try {
      if (level === 'error') this.connection.console.error(line);
      else if (level === 'warn') this.connection.console.warn(line);
      else if (level === 'info') this.connection.console.info(line);
      else this.connection.console.log(line);
    } catch {
      // the connection may be gone during shutdown
    }
  }
  error(msg: string, e?: unknown): void {
    this.write('error', e ? `${msg}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : msg);
  }
  warn(msg: string): void {
    this.write('warn', msg);
  }
  info(msg: string): void {
    this.write('info', msg);
  }
  debug(msg: string): void {
    this.write('debug', msg);
  }
}
