/**
 * `promscope route` on test-fixtures/alertmanager/routing.yml, compared with
 * `amtool config routes test` (Debian's amtool) for the same label sets.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRouteCommand } from '../src/commands/route';

const fixture = path.resolve(process.cwd(), 'test-fixtures/alertmanager/routing.yml');

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runRouteCommand(args, { readFile: (p) => readFileSync(p, 'utf8'), stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

function amtoolReceivers(labels: string[]): string {
  const r = spawnSync('amtool', ['config', 'routes', 'test', `--config.file=${fixture}`, ...labels], { encoding: 'utf8' });
  if (r.error) throw new Error(`amtool is needed for this test: ${r.error.message}`);
  return r.stdout.trim();
}

const labelSets = [
  ['severity=critical', 'team=db'],
  ['team=db', 'env=staging'],
  ['team=db', 'env=prod'],
  ['team=storage'],
  ['team=web', 'severity=warning'],
  ['team=web', 'severity=critical'],
  ['team=web'],
  ['alertname=Watchdog'],
  ['severity=critical'],
];

describe('promscope route', () => {
  it.each(labelSets)('routes %s like amtool config routes test', (...labels) => {
    const r = run(['--config', fixture, ...labels]);
    expect(r.code).toBe(0);
    const ours = /^receivers: (.*)$/m.exec(r.out)?.[1];
    expect(ours).toBe(amtoolReceivers(labels));
  });

  it('prints the route path of each receiver', () => {
    const r = run(['--config', fixture, 'severity=critical', 'team=db']);
    expect(r.out).toBe(
      [
        'db-pager',
        '  via root -> {severity="critical"} (continue) -> {team="db"}',
        '  at route.routes[0].routes[0], line 10',
        'db-staging',
        '  via root -> {team=~"db|storage"} -> {env!="prod"}',
        '  at route.routes[1].routes[0], line 15',
        'receivers: db-pager,db-staging',
        '',
      ].join('\n'),
    );
  });

  it('prints the routing tree', () => {
    const r = run(['--config', fixture, '--tree']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 3)).toEqual([
      'root  receiver: default  group_by: [alertname]',
      '  {severity="critical"}  receiver: pager  continue  group_by: [alertname]',
      '    {team="db"}  receiver: db-pager  group_by: [alertname]',
    ]);
    expect(r.out).toContain('{severity=~"warning|info",team="web"}  receiver: web-chat');
  });

  it('checks --expect', () => {
    expect(run(['--config', fixture, '--expect', 'web-team', 'team=web']).code).toBe(0);
    const bad = run(['--config', fixture, '--expect', 'pager', 'team=web']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('expected receivers pager, got web-team');
  });

  it('reports usage errors and bad labels', () => {
    expect(run(['severity=critical']).code).toBe(2);
    const bad = run(['--config', fixture, 'team=~"x"']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('only name=value');
  });

  it('reports configuration errors with their position and still routes', () => {
    const broken = path.resolve(process.cwd(), 'test-fixtures/alertmanager/alertmanager.yml');
    const r = run(['--config', broken, 'team=db']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/alertmanager\.yml:\d+:\d+: error: no global Wechat CorpID set/);
    expect(r.out).toContain('receivers: db-wechat');
  });
});
