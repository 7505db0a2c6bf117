import { describe, expect, it } from 'vitest';
import { buildDocumentModel } from '../../src/index';
import { indexOf } from './helpers';

const rules = (...exprs: string[]) => `groups:\n- name: g\n  rules:\n${exprs.map((e, i) => `  - record: r${i}:x\n    expr: ${e}\n`).join('')}`;

describe('WorkspaceIndex.filesReferencing', () => {
  const files = {
    'a.yml': rules('sum(up)'),
    'b.yml': rules('rate(job:a[5m])', 'up'),
    'c.yml': rules('job:b + job:c'),
    'd.yml': rules('x'),
  };

  it('the files whose expressions name any of the names, in index order, without `except`', () => {
    const index = indexOf(files);
    expect(index.filesReferencing(new Set(['up']))).toEqual(['a.yml', 'b.yml']);
    expect(index.filesReferencing(new Set(['job:c', 'up']))).toEqual(['a.yml', 'b.yml', 'c.yml']);
    expect(index.filesReferencing(new Set(['job:c', 'up']), 'b.yml')).toEqual(['a.yml', 'c.yml']);
    expect(index.filesReferencing(new Set(['nothing']))).toEqual([]);
    expect(index.filesReferencing(new Set())).toEqual([]);
  });

  it('both ways round: many names against a file with few, and few names against a file with many', () => {
    const index = indexOf({ ...files, 'big.yml': rules(...Array.from({ length: 50 }, (_, i) => `m${i}`)) });
    const many = new Set(Array.from({ length: 40 }, (_, i) => `other${i}`));
    many.add('x');
    expect(index.filesReferencing(many)).toEqual(['d.yml']);
    expect(index.filesReferencing(new Set(['m49']))).toEqual(['big.yml']);
  });

  it('follows a file set again, and a file removed', () => {
    const index = indexOf(files);
    index.setFile('a.yml', buildDocumentModel('a.yml', rules('sum(node_load1)')));
    expect(index.filesReferencing(new Set(['up']))).toEqual(['b.yml']);
    expect(index.filesReferencing(new Set(['node_load1']))).toEqual(['a.yml']);
    index.removeFile('b.yml');
    expect(index.filesReferencing(new Set(['up', 'job:a']))).toEqual([]);
  });
});
