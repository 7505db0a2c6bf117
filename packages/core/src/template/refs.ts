/**
 * What a template refers to, collected from its syntax tree: the alert's labels and value (as
 * Prometheus exposes them to rule templates), external labels, template calls and definitions,
 * functions. Consumers: label-flow checks (a `$labels.x` that the expression cannot produce),
 * `$value` in alert labels, Alertmanager template-name resolution, editor features.
 */
import type { Range } from '../diagnostics/types';
import type { ArgNode, CommandNode, PipeNode, Segment, TemplateNode } from './ast';

export interface NameRef {
  name: string;
  /** the name itself: `instance` in `$labels.instance`, the text between the quotes of `"x"` */
  range: Range;
}

export interface LabelRef extends NameRef {
  /** `$labels.x` / `$.Labels.x` (variable), `.Labels.x` (field), `index $labels "x"` (index) */
  via: 'variable' | 'field' | 'index';
}

export interface TemplateRefs {
  /** `$labels.NAME`, `.Labels.NAME`, `$.Labels.NAME`, `index $labels "NAME"` */
  labels: LabelRef[];
  /** `$externalLabels.NAME`, `.ExternalLabels.NAME`, `index $externalLabels "NAME"` */
  externalLabels: LabelRef[];
  /** every use of `$value`, `.Value`, `$.Value` */
  values: Range[];
  /** `{{template "NAME"}}` and `{{block "NAME"}}` */
  templateCalls: NameRef[];
  /** `{{define "NAME"}}` and `{{block "NAME"}}` */
  definitions: NameRef[];
  /** function calls (`humanize`, `printf`, ...) */
  functions: NameRef[];
}

export function emptyRefs(): TemplateRefs {
  return { labels: [], externalLabels: [], values: [], templateCalls: [], definitions: [], functions: [] };
}

type MapKind = 'labels' | 'externalLabels';

function inside(range: Range): Range {
  return { start: range.start + 1, end: range.end - 1 };
}

class Collector {
  readonly refs = emptyRefs();

  list(nodes: readonly TemplateNode[] | undefined, dotIsRoot: boolean): void {
    if (!nodes) return;
    for (const n of nodes) {
      switch (n.kind) {
        case 'action':
          this.pipe(n.pipe, dotIsRoot);
          break;
        case 'if':
          this.pipe(n.pipe, dotIsRoot);
          this.list(n.list, dotIsRoot);
          this.list(n.elseList, dotIsRoot);
          break;
        case 'with':
        case 'range':
          // the body runs with dot set to the pipeline's value; {{else}} keeps the outer dot
          this.pipe(n.pipe, dotIsRoot);
          this.list(n.list, false);
          this.list(n.elseList, dotIsRoot);
          break;
        case 'template':
          this.refs.templateCalls.push({ name: n.name, range: inside(n.nameRange) });
          if (n.pipe) this.pipe(n.pipe, dotIsRoot);
          break;
        case 'define':
          this.refs.definitions.push({ name: n.name, range: inside(n.nameRange) });
          this.list(n.list, false);
          break;
        case 'block':
          this.refs.definitions.push({ name: n.name, range: inside(n.nameRange) });
          this.refs.templateCalls.push({ name: n.name, range: inside(n.nameRange) });
          this.pipe(n.pipe, dotIsRoot);
          this.list(n.list, false);
          break;
        default:
          break;
      }
    }
  }

  private pipe(p: PipeNode, dotIsRoot: boolean): void {
    for (const c of p.cmds) this.command(c, dotIsRoot);
  }

  private command(c: CommandNode, dotIsRoot: boolean): void {
    const [head, base, key] = c.args;
    if (head?.kind === 'identifier' && head.name === 'index' && base && key?.kind === 'string') {
      const map = this.mapOf(base, dotIsRoot);
      if (map) this.refs[map].push({ name: key.value, range: inside(key.range), via: 'index' });
    }
    for (const a of c.args) this.arg(a, dotIsRoot);
  }

  /** Is `node` (exactly) the labels or external-labels map? */
  private mapOf(node: ArgNode, dotIsRoot: boolean): MapKind | null {
    if (node.kind === 'variable') {
      const s = node.segments;
      if (s.length === 1) return s[0]!.name === '$labels' ? 'labels' : s[0]!.name === '$externalLabels' ? 'externalLabels' : null;
      if (s.length === 2 && s[0]!.name === '$') return rootMap(s[1]!.name);
    }
    if (node.kind === 'field' && dotIsRoot && node.segments.length === 1) return rootMap(node.segments[0]!.name);
    return null;
  }

  private arg(a: ArgNode, dotIsRoot: boolean): void {
    switch (a.kind) {
      case 'identifier':
        this.refs.functions.push({ name: a.name, range: a.range });
        break;
      case 'variable': {
        const [head, ...rest] = a.segments;
        if (head!.name === '$labels') this.mapRef('labels', rest, 'variable');
        else if (head!.name === '$externalLabels') this.mapRef('externalLabels', rest, 'variable');
        else if (head!.name === '$value') this.refs.values.push(head!.range);
        else if (head!.name === '$') this.rootFields(rest, 'variable');
        break;
      }
      case 'field':
        if (dotIsRoot) this.rootFields(a.segments, 'field');
        break;
      case 'chain':
        this.arg(a.node, dotIsRoot);
        break;
      case 'pipe':
        this.pipe(a, dotIsRoot);
        break;
      default:
        break;
    }
  }

  /** fields of the alert data: `.Labels.x`, `.ExternalLabels.x`, `.Value` */
  private rootFields(segs: Segment[], via: LabelRef['via']): void {
    const [first, ...rest] = segs;
    if (!first) return;
    if (first.name === 'Value') this.refs.values.push(first.range);
    const map = rootMap(first.name);
    if (map) this.mapRef(map, rest, via);
  }

  private mapRef(map: MapKind, rest: Segment[], via: LabelRef['via']): void {
    const key = rest[0];
    if (key) this.refs[map].push({ name: key.name, range: key.range, via });
  }
}

function rootMap(field: string): MapKind | null {
  return field === 'Labels' ? 'labels' : field === 'ExternalLabels' ? 'externalLabels' : null;
}

/** Collect the references of a parsed template (dot is the alert data at top level). */
export function collectRefs(nodes: readonly TemplateNode[]): TemplateRefs {
  const c = new Collector();
  c.list(nodes, true);
  return c.refs;
}
