/**
 * relabel.Config validation as Prometheus's model/relabel does it: the cases of TestRelabelValidate
 * and TestTargetLabelLegacyValidity (relabel_test.go, commit d15adb9a), plus each action's
 * needed/forbidden fields with Prometheus's wording.
 */
import { describe, expect, it } from 'vitest';
import { isValidLabelNameWithRegexVar, type NameValidationScheme } from '../../src/relabel/label-names';
import { relabelConfig, type RelabelAction } from '../../src/relabel/types';
import { validateRelabelConfig } from '../../src/relabel/validate';

type Fields = Parameters<typeof relabelConfig>[0];

describe('TestRelabelValidate', () => {
  const cases: Array<{ config: Fields; scheme: NameValidationScheme; expected: string }> = [
    { config: { action: '' }, scheme: 'utf8', expected: 'relabel action cannot be empty' },
    { config: { action: 'replace', target_label: '' }, scheme: 'utf8', expected: "requires 'target_label' value" },
    { config: { action: 'lowercase' }, scheme: 'utf8', expected: "requires 'target_label' value" },
    { config: { action: 'lowercase', target_label: '${3}' }, scheme: 'utf8', expected: '' },
    { config: { action: 'lowercase', target_label: '${3}' }, scheme: 'legacy', expected: '"${3}" is invalid \'target_label\' for lowercase action' },
    { config: { source_labels: ['a'], regex: 'some-([^-]+)-([^,]+)', action: 'replace', replacement: '${1}', target_label: '${3}' }, scheme: 'utf8', expected: '' },
    { config: { source_labels: ['a'], regex: 'some-([^-]+)-([^,]+)', action: 'replace', replacement: '${1}', target_label: '0${3}' }, scheme: 'utf8', expected: '' },
    { config: { source_labels: ['a'], regex: 'some-([^-]+)-([^,]+)', action: 'replace', replacement: '${1}', target_label: '-${3}' }, scheme: 'utf8', expected: '' },
    { config: { regex: '__meta_kubernetes_pod_label_(strimzi_io_.+)', action: 'labelmap', replacement: '$1' }, scheme: 'legacy', expected: '' },
    { config: { regex: '__meta_(.+)', action: 'labelmap', replacement: '${1}' }, scheme: 'legacy', expected: '' },
  ];
  it.each(cases)('$config.action / $scheme → $expected', ({ config, scheme, expected }) => {
    const p = validateRelabelConfig(relabelConfig(config), scheme);
    if (expected === '') expect(p).toBeNull();
    else expect(p?.message).toContain(expected);
  });
});

describe('TestTargetLabelLegacyValidity', () => {
  const cases: Array<[string, boolean]> = [
    ['-label', false],
    ['label', true],
    ['label${1}', true],
    ['${1}label', true],
    ['${1}', true],
    ['${', false],
    ['$', false],
    ['${}', false],
    ['foo${', false],
    ['$1', true],
    ['asd$2asd', true],
    ['-foo${1}bar-', false],
    ['bar.foo${1}bar', false],
    ['_${1}_', true],
    ['foo${bar}foo', true],
  ];
  it.each(cases)('%s → %s', (s, valid) => {
    expect(isValidLabelNameWithRegexVar(s, 'legacy')).toBe(valid);
  });
});

describe('fields each action needs or forbids', () => {
  const cases: Array<[string, Fields, string]> = [
    ['hashmod needs a modulus', { action: 'hashmod', target_label: 'shard', source_labels: ['a'] }, 'relabel configuration for hashmod requires non-zero modulus'],
    ['keepequal forbids regex', { action: 'keepequal', source_labels: ['a'], target_label: 'b', regex: 'x' }, "keepequal action requires only 'source_labels' and `target_label`, and no other fields"],
    ['labeldrop forbids source_labels', { action: 'labeldrop', source_labels: ['a'], regex: 'x' }, "labeldrop action requires only 'regex', and no other fields"],
    ['labelkeep forbids separator', { action: 'labelkeep', separator: ',', regex: 'x' }, "labelkeep action requires only 'regex', and no other fields"],
    ['uppercase forbids replacement', { action: 'uppercase', source_labels: ['a'], target_label: 'b', replacement: 'x' }, "'replacement' can not be set for uppercase action"],
    ['legacy target label', { action: 'replace', source_labels: ['a'], target_label: 'foo-bar' }, '"foo-bar" is invalid \'target_label\' for replace action'],
    ['RE2 syntax', { action: 'keep', source_labels: ['a'], regex: '(?=lookahead)' }, 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
  ];
  it.each(cases)('%s', (_n, config, expected) => {
    expect(validateRelabelConfig(relabelConfig(config), 'legacy')?.message).toBe(expected);
  });

  it('UTF-8 names (the 3.x default) allow any non-empty target label', () => {
    expect(validateRelabelConfig(relabelConfig({ action: 'replace' as RelabelAction, source_labels: ['a'], target_label: 'foo-bar' }), 'utf8')).toBeNull();
  });
});
