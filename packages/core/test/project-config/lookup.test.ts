// The one rule for which .promscope.yml applies to a folder, on a fake file system.
import { describe, expect, it } from 'vitest';
import { lookupProjectConfig, type ConfigLookupHost } from '../../src/project-config/lookup';

function host(files: string[], repos: string[] = []): ConfigLookupHost {
  return {
    join: (dir, name) => (dir === '/' ? `/${name}` : `${dir}/${name}`),
    dirname: (dir) => (dir === '/' ? '/' : dir.slice(0, dir.lastIndexOf('/')) || '/'),
    isConfigFile: (p) => files.includes(p),
    isRepositoryRoot: (dir) => repos.includes(dir),
  };
}

describe('lookupProjectConfig', () => {
  it('finds the nearest config upward', () => {
    const h = host(['/repo/.promscope.yml', '/repo/team/.promscope.yaml']);
    expect(lookupProjectConfig('/repo/team/rules', h)).toEqual({ file: '/repo/team/.promscope.yaml', dir: '/repo/team' });
    expect(lookupProjectConfig('/repo/other', h)).toEqual({ file: '/repo/.promscope.yml', dir: '/repo' });
  });
  it('prefers .promscope.yml over .promscope.yaml in the same folder', () => {
    expect(lookupProjectConfig('/a', host(['/a/.promscope.yaml', '/a/.promscope.yml'])).file).toBe('/a/.promscope.yml');
  });
  it('stops at a repository root without a config, and at the file-system root', () => {
    expect(lookupProjectConfig('/outer/repo/x', host(['/outer/.promscope.yml'], ['/outer/repo']))).toEqual({ file: undefined, dir: '/outer/repo' });
    expect(lookupProjectConfig('/a/b', host([]))).toEqual({ file: undefined, dir: '/' });
  });
  it('uses a cached answer for a folder on the way up', () => {
    const cached = (d: string) => (d === '/a' ? { file: '/cached.yml', dir: '/a' } : undefined);
    expect(lookupProjectConfig('/a/b/c', host(['/.promscope.yml']), cached)).toEqual({ file: '/cached.yml', dir: '/a' });
  });
});
