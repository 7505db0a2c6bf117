// The extension manifest against the language server: every server setting is contributed with a
// description, the URL setting is machine-scoped and restricted in untrusted workspaces, every command
// is registered, the grammars exist.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../packages/language-server/src/settings';
import { render } from '../../src/graph-html';

const ext = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ext, 'package.json'), 'utf8'));
const props: Record<string, { scope?: string; description?: string; markdownDescription?: string; default?: unknown }> = pkg.contributes.configuration.properties;

describe('extension manifest', () => {
  it('contributes every server setting, with a description and the server default', () => {
    // the one default of the extension's own: VS Code shows at most 1,000 problems per file, so the
    // server is asked for no more (other editors get all of them by default)
    const ownDefaults: Record<string, unknown> = { maxDiagnosticsPerFile: 1000 };
    for (const [key, value] of Object.entries(defaultSettings)) {
      const p = props[`promscope.${key}`];
      expect(p, `promscope.${key}`).toBeDefined();
      expect((p.description ?? p.markdownDescription ?? '').length, `description of promscope.${key}`).toBeGreaterThan(40);
      expect(p.default, `default of promscope.${key}`).toEqual(key in ownDefaults ? ownDefaults[key] : value);
    }
    expect(defaultSettings.maxDiagnosticsPerFile).toBe(0);
  });
  it('keeps the Prometheus URL machine-scoped and restricted in untrusted workspaces', () => {
    expect(props['promscope.prometheusUrl'].scope).toBe('machine');
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations).toContain('promscope.prometheusUrl');
  });
  it('registers every contributed command in extension.ts', () => {
    const src = readFileSync(path.join(ext, 'src/extension.ts'), 'utf8');
    for (const c of pkg.contributes.commands) expect(src, c.command).toContain(`registerCommand('${c.command}'`);
  });
  it('does not change the language of YAML or JSON files', () => {
    const ids = pkg.contributes.languages.map((l: { id: string }) => l.id);
    expect(ids).toEqual(['promql']);
    for (const g of pkg.contributes.grammars) expect(existsSync(path.join(ext, g.path)), g.path).toBe(true);
  });
});

describe('rule graph page', () => {
  it('lays out rules by dependency depth and marks cycles and missing metrics', () => {
    const html = render(
      {
        rules: [
          { id: 0, kind: 'record', name: 'job:a:rate5m', file: 'a.yml', group: 'g', uses: ['a_total'], dependsOn: [] },
          { id: 1, kind: 'alert', name: 'AHigh', file: 'b.yml', group: 'g', uses: ['job:a:rate5m', 'job:missing:sum'], dependsOn: [0] },
        ],
        undefinedRecordedMetrics: ['job:missing:sum'],
        cycles: [],
      },
      'digraph rules {}\n',
      'vscode-resource:',
    );
    expect(html).toContain('2 rules in 2 file(s); 0 cycle(s); 1 recorded metric(s) used but never recorded.');
    expect((html.match(/class="node /g) ?? []).length).toBe(3);
    expect((html.match(/class="edge/g) ?? []).length).toBe(2);
    expect(html).toContain('class="edge dashed"');
    expect(html).toContain('<title>AHigh</title>');
  });
});
