/**
 * "Explain relabeling for this job": runs the scrape job under the cursor through Prometheus's
 * relabel semantics (the same code as `promscope relabel`) and shows each step in a read-only
 * document next to the config.
 */
import * as vscode from 'vscode';
import { analyzePrometheusConfig } from '../../packages/core/src/config/index';
import { formatLabelSet, parseLabelSetLiteral, simulateTarget, type RelabelLabelSet as LabelSet, type RelabelConfig, type RelabelStep } from '../../packages/core/src/relabel/index';

export const RELABEL_SCHEME = 'promscope-relabel';

export class RelabelDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
  }
}

export async function explainRelabeling(docs: RelabelDocuments, jobArg?: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('promscope: open a prometheus.yml and put the cursor in a scrape job.');
    return;
  }
  const doc = editor.document;
  const text = doc.getText();
  const res = analyzePrometheusConfig({ path: doc.uri.fsPath || doc.uri.path, text });
  const jobs = res.model.jobs.filter((j) => j.name !== '');
  if (jobs.length === 0) {
    void vscode.window.showWarningMessage('promscope: this file has no scrape jobs (scrape_configs).');
    return;
  }
  const cursor = doc.offsetAt(editor.selection.active);
  let job = jobArg ? jobs.find((j) => j.name === jobArg) : jobs.find((j) => j.range.start <= cursor && cursor <= j.range.end);
  if (!job) {
    const pick = await vscode.window.showQuickPick(
      jobs.map((j) => ({ label: j.name, description: `${j.relabelConfigs.length} relabel_configs`, job: j })),
      { placeHolder: 'Scrape job to explain' },
    );
    if (!pick) return;
    job = pick.job;
  }
  const statics = job.staticConfigs.flatMap((g) => g.targets.map((target) => ({ ...g.labels, __address__: target }) as LabelSet));
  const sdLabels = job.serviceDiscovery.length ? '__address__="10.0.0.7:8080"' : '';
  const inputText = await vscode.window.showInputBox({
    title: `Explain relabeling of job "${job.name}"`,
    prompt: statics.length
      ? 'Discovered labels of a target, e.g. {__address__="host:9100", __meta_kubernetes_pod_label_app="api"}; empty: the static targets of the job'
      : 'Discovered labels of a target, e.g. {__address__="10.0.0.7:8080", __meta_kubernetes_namespace="prod"}',
    value: statics.length ? '' : `{${sdLabels}}`,
    validateInput: (v) => {
      if (v.trim() === '') return statics.length ? undefined : 'the job has no static targets: give the discovered labels';
      const p = parseLabelSetLiteral(v);
      return p.ok ? undefined : p.error;
    },
  });
  if (inputText === undefined) return;
  const inputs: LabelSet[] = [];
  if (inputText.trim() === '') inputs.push(...statics);
  else {
    const p = parseLabelSetLiteral(inputText);
    if (!p.ok) return;
    inputs.push(p.labels);
  }
  const where = (offset: number) => {
    const p = doc.positionAt(offset);
    return `line ${p.line + 1}`;
  };
  const out: string[] = [`# promscope: relabeling of job "${job.name}" (${vscode.workspace.asRelativePath(doc.uri)}, ${where(job.nameRange.start)})`, `# ${job.relabelConfigs.length} relabel_configs step(s)`, ''];
  for (const input of inputs) {
    const sim = simulateTarget(job, input);
    out.push(`input:  ${formatLabelSet(sim.discovered)}  (with the job's defaults)`);
    out.push(...steps(sim.relabel.steps, where));
    if (!sim.relabel.keep) out.push(`result: target DROPPED by step ${sim.relabel.droppedBy! + 1}`);
    else if (sim.error) out.push(`result: target refused after relabeling: ${sim.error}`);
    else {
      const t = sim.target!;
      const visible = Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('__')));
      out.push(`result: scrape ${t['__scheme__']}://${t['__address__']}${t['__metrics_path__']}`);
      out.push(`target labels: ${formatLabelSet(visible)}`);
    }
    out.push('');
  }
  const uri = vscode.Uri.from({ scheme: RELABEL_SCHEME, path: `/relabel ${job.name}.txt` });
  docs.set(uri, out.join('\n'));
  const shown = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}

function steps(list: RelabelStep[], where: (o: number) => string): string[] {
  const out: string[] = [];
  for (const s of list) {
    out.push(`step ${s.index + 1}: ${describe(s.config)}${s.config.range ? `  (${where(s.config.range.start)})` : ''}`);
    if (!s.keep) {
      out.push('  dropped the target');
      continue;
    }
    const changes: string[] = [];
    for (const k of new Set([...Object.keys(s.before), ...Object.keys(s.after)])) {
      if (s.before[k] === s.after[k]) continue;
      if (!(k in s.after)) changes.push(`  - ${k}=${JSON.stringify(s.before[k])}`);
      else if (!(k in s.before)) changes.push(`  + ${k}=${JSON.stringify(s.after[k])}`);
      else changes.push(`  ~ ${k}: ${JSON.stringify(s.before[k])} → ${JSON.stringify(s.after[k])}`);
    }
    out.push(...(changes.length ? changes : ['  (no change)']));
  }
  return out;
}

function describe(c: RelabelConfig): string {
  const parts = [c.action || '(empty action)'];
  if (c.sourceLabels) parts.push(`source_labels=[${c.sourceLabels.join(', ')}]`);
  if (!c.regexIsDefault) parts.push(`regex=${JSON.stringify(c.regex)}`);
  if (c.targetLabel) parts.push(`target_label=${c.targetLabel}`);
  if (c.action === 'replace' || c.action === 'labelmap') parts.push(`replacement=${JSON.stringify(c.replacement)}`);
  return parts.join(' ');
}
