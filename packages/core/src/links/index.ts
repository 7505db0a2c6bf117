/**
 * Files that configurations link to: Go globbing, the files a prometheus.yml or alertmanager.yml
 * makes its program read (existence, `scrape_config_files`, `templates`), the scrape intervals
 * that govern a rule file, and which prometheus.yml that is. Pure: the shells do the reading
 * through a {@link FileHost}.
 */
export { BAD_PATTERN, expandGoGlob, goGlobMatch, goGlobPatternError, hasGoGlobMeta, type GlobHost } from './go-glob';
export { cleanPath, dirOf, isAbsolutePath, isInside, joinDir, toSlash } from './paths';
export type { FileHost, LinkedFile } from './host';
export { checkPrometheusLinks, MISSING_FILE_CODE, type PrometheusLinks } from './prometheus';
export { checkAlertmanagerLinks, TEMPLATES_CODE, type AlertmanagerLinks } from './alertmanager';
export { namedByRuleFiles, prometheusConfigFor, type PrometheusConfigCandidate } from './choose';
export { finishLinkedFile, routeLinkedFiles, type RoutedLinks } from './route';
