/** The strict struct decoder shared by all file kinds (yaml.v3 KnownFields wording). */
import { describe, expect, it } from 'vitest';
import { decodeStruct, parseYaml, type StructSpec } from '../../src/yaml/index';
import { formatDiagnostics } from '../rules/format';

const spec: StructSpec = {
  goType: 'config.Thing',
  fields: {
    name: { expect: { kind: 'string' } },
    port: { expect: { kind: 'int' } },
    ratio: { expect: { kind: 'float' } },
    enabled: { expect: { kind: 'bool' } },
    timeout: { expect: { kind: 'duration' } },
    labels: { expect: { kind: 'map', goType: 'map[string]string', values: { kind: 'string' } } },
    targets: { expect: { kind: 'seq', goType: '[]string', items: { kind: 'string' } } },
    child: { expect: { kind: 'struct', goType: 'config.Child' } },
  },
};

function decode(text: string, onUnknown?: Parameters<typeof decodeStruct>[2]['onUnknown']) {
  const root = parseYaml(text).documents[0].root!;
  const r = decodeStruct(root, spec, { code: 'config/schema', onUnknown });
  return { r, lines: formatDiagnostics('c', text, r.diagnostics) };
}

describe('decodeStruct', () => {
  it('accepts what Go accepts', () => {
    const { r, lines } = decode('name: 12\nport: 0x50\nratio: 1\nenabled: yes\ntimeout: 1m30s\nlabels: {a: 1}\ntargets: [a, 2]\nchild: {}\n');
    expect(lines).toEqual([]);
    expect(Object.keys(r.fields)).toEqual(['name', 'port', 'ratio', 'enabled', 'timeout', 'labels', 'targets', 'child']);
  });
  it('null leaves any field at its zero value', () => {
    expect(decode('name:\nport: ~\nchild: null\n').lines).toEqual([]);
  });
  it('reports type mismatches and unknown fields with yaml.v3 wording', () => {
    expect(decode('name: [a]\nport: eighty\nratio: x\nenabled: maybe\ntimeout: 1q\nlabels: [a]\ntargets: {a: b}\nchild: 3\nextra: 1\nport2: averylongvalue\n').lines).toEqual([
      'c:1:7 error config/schema cannot unmarshal !!seq into string',
      'c:2:7 error config/schema cannot unmarshal !!str `eighty` into int',
      'c:3:8 error config/schema cannot unmarshal !!str `x` into float64',
      'c:4:10 error config/schema cannot unmarshal !!str `maybe` into bool',
      'c:5:10 error config/schema unknown unit "q" in duration "1q"',
      'c:6:9 error config/schema cannot unmarshal !!seq into map[string]string',
      'c:7:10 error config/schema cannot unmarshal !!map into []string',
      'c:8:8 error config/schema cannot unmarshal !!int `3` into config.Child',
      'c:9:1 error config/schema field extra not found in type config.Thing',
      'c:10:1 error config/schema field port2 not found in type config.Thing',
    ]);
    expect(decode('port: averylongvalue\n').lines).toEqual(['c:1:7 error config/schema cannot unmarshal !!str `averylo...` into int']);
    expect(decode('port: 1e30\n').lines).toEqual(['c:1:7 error config/schema cannot unmarshal !!float `1e30` into int']);
  });
  it('unknown-field hook: silence or replace the default', () => {
    expect(decode('x_extra: 1\n', () => null).lines).toEqual([]);
    expect(
      decode('x_extra: 1\n', (p) => ({ code: 'config/dialect', severity: 'warning', range: p.key.range, message: `${p.key.text} is an extension` })).lines,
    ).toEqual(['c:1:1 warning config/dialect x_extra is an extension']);
  });
  it('merge keys: explicit keys win, merged fields are checked', () => {
    const { r, lines } = decode('base: &b {name: a, port: x}\n');
    expect(lines.length).toBe(1); // base is unknown
    const m = decodeStruct((parseYaml('b: &b {name: a, port: 1}\nc:\n  <<: *b\n  name: z\n').documents[0].root as any).pairs[1].value, spec, { code: 's' });
    expect(m.diagnostics).toEqual([]);
    expect(m.fields.name?.value.kind === 'scalar' && m.fields.name.value.text).toBe('z');
    expect(m.fields.port?.value.kind === 'scalar' && m.fields.port.value.value).toBe(1);
    expect(r.map).not.toBeNull();
  });
});
