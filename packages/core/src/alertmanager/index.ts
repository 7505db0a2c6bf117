/**
 * alertmanager.yml: analysis as Alertmanager loads it, the typed model, the route engine and the
 * template-file half of the template-name check. Shells call `analyzeAlertmanagerConfig`; the
 * workspace pass calls `checkTemplateRefs` and `checkInhibitEqualLabels` with what other files
 * tell; `promscope route` calls `matchRoutes`/`renderRouteTree`.
 */
export { analyzeAlertmanagerConfig, type AlertmanagerConfigResult, type AlertmanagerOptions } from './config';
export type { AlertmanagerInhibitRule, AlertmanagerModel, AlertmanagerReceiver, AlertmanagerRoute, TemplateRef } from './model';
export { formatMatcher, matcherMatches, parseMatchers, type AmMatcher, type MatcherParserMode, type MatchType, type ParsedMatchers } from './matchers';
export { describeMatchers, describePath, matchRoutes, renderRouteTree, routeMatches, type LabelSet, type RouteMatch } from './route-match';
export { analyzeAlertmanagerTemplateFile, checkTemplateFiles, checkTemplateRefs, type TemplateFileResult } from './templates';
export { checkInhibitEqualLabels, type WorkspaceAlert } from './inhibit';
export { alertsFromData, workspaceAlertData, workspaceAlertsFromRules, type WorkspaceAlertData } from './workspace-alerts';

