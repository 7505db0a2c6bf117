/**
 * The route-matching engine: which routes (and so which receivers) an alert with a given label
 * set reaches, exactly like Alertmanager's dispatch `Route.Match` (depth first; a matching child
 * stops the search among its siblings unless it has `continue: true`; a node none of whose
 * children match handles the alert itself). Also renders the routing tree. Used by
 * `promscope route` and the shadowed-route check.
 */
import { formatMatcher, matcherMatches } from './matchers';
import type { AlertmanagerRoute } from './model';

export type LabelSet = Readonly<Record<string, string>>;

export interface RouteMatch {
  route: AlertmanagerRoute;
  /** root first, the matched route last */
  chain: AlertmanagerRoute[];
}

export function routeMatches(route: AlertmanagerRoute, labels: LabelSet): boolean {
  return !route.broken && route.matchers.every((m) => matcherMatches(m, labels));
}

/** the routes that handle an alert (`amtool config routes test`) */
export function matchRoutes(root: AlertmanagerRoute, labels: LabelSet): RouteMatch[] {
  return match(root, labels, []) ?? [];
}

function match(r: AlertmanagerRoute, labels: LabelSet, chain: AlertmanagerRoute[]): RouteMatch[] | null {
  if (!routeMatches(r, labels)) return null;
  const here = [...chain, r];
  const all: RouteMatch[] = [];
  for (const child of r.routes) {
    const m = match(child, labels, here);
    if (m) all.push(...m);
    if (m && !child.continue) break;
  }
  if (all.length === 0) all.push({ route: r, chain: here });
  return all;
}

/** a route's own selector as Alertmanager prints it: `{severity="critical",team=~"db|ops"}` */
export function describeMatchers(r: AlertmanagerRoute): string {
  const sorted = [...r.matchers].sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.value !== b.value ? (a.value < b.value ? -1 : 1) : 0));
  return `{${sorted.map(formatMatcher).join(',')}}`;
}

export function describePath(r: AlertmanagerRoute): string {
  return r.path.length === 0 ? 'route' : `route.routes[${r.path.join('].routes[')}]`;
}

/** the routing tree as indented text, one route a line */
export function renderRouteTree(root: AlertmanagerRoute): string {
  const lines: string[] = [];
  const visit = (r: AlertmanagerRoute, depth: number): void => {
    const parts = [`${'  '.repeat(depth)}${r.path.length === 0 ? 'root' : describeMatchers(r)}`, `receiver: ${r.receiver}`];
    if (r.continue) parts.push('continue');
    if (r.groupByAll) parts.push('group_by: [...]');
    else if (r.groupBy.length > 0) parts.push(`group_by: [${r.groupBy.join(', ')}]`);
    if (r.muteTimeIntervals.length > 0) parts.push(`mute: ${r.muteTimeIntervals.map((t) => t.name).join(', ')}`);
    if (r.activeTimeIntervals.length > 0) parts.push(`active: ${r.activeTimeIntervals.map((t) => t.name).join(', ')}`);
    lines.push(parts.join('  '));
    for (const c of r.routes) visit(c, depth + 1);
  };
  visit(root, 0);
  return lines.join('\n');
}
