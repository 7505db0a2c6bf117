/**
 * "Show Rule Dependency Graph": the `promscope graph` logic (core's buildRuleGraph over every rule
 * file of the workspace) rendered as an SVG in a webview — recording rules as boxes, alerts as red
 * ellipses, edges from a rule to the rules whose output it reads, cycles in red, recorded metrics
 * nobody produces dashed — with the DOT text to copy for Graphviz.
 */
import * as vscode from 'vscode';
import { ruleFileViewFromText } from '../../packages/core/src/checks/model-from-rules';
import { detectKind } from '../../packages/core/src/detect';
import { buildRuleGraph } from '../../packages/core/src/graph/build';
import { graphToDot, graphToJson } from '../../packages/core/src/graph/render';
import { render } from './graph-html';

let panel: vscode.WebviewPanel | undefined;

export async function showRuleGraph(claims: (d: vscode.TextDocument) => boolean): Promise<void> {
  const files = await vscode.workspace.findFiles('**/*.{yml,yaml,rules}', '{**/node_modules/**,**/.git/**}', 5000);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d] as const));
  const views = [];
  for (const uri of files) {
    try {
      const doc = open.get(uri.toString());
      const text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const kind = detectKind(text, uri.path);
      if (kind !== 'rules' && kind !== 'prometheus-rule') continue;
      if (doc && !claims(doc)) continue;
      const v = ruleFileViewFromText(vscode.workspace.asRelativePath(uri), text, undefined, kind);
      if (v.groups.length) views.push(v);
    } catch {
      // unreadable file: skipped
    }
  }
  if (views.length === 0) {
    void vscode.window.showInformationMessage('promscope: no rule files found in the workspace.');
    return;
  }
  const g = buildRuleGraph(views);
  const json = graphToJson(g);
  const dot = graphToDot(g);
  if (!panel) {
    panel = vscode.window.createWebviewPanel('promscope.ruleGraph', 'Rule dependency graph', vscode.ViewColumn.Beside, { enableScripts: true });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage(async (m: { type: string; dot?: string }) => {
      if (m.type === 'openDot') {
        const d = await vscode.workspace.openTextDocument({ language: 'dot', content: dot });
        await vscode.window.showTextDocument(d, vscode.ViewColumn.Active);
      }
    });
  }
  panel.webview.html = render(json, dot, panel.webview.cspSource);
  panel.reveal(undefined, true);
}

