/**
 * The typed model of an alertmanager.yml, built once by `analyzeAlertmanagerConfig` and read by
 * the checks, the route engine (`promscope route`) and the workspace pass (template references
 * against template files, inhibit `equal` labels against the alerts of the workspace's rules).
 */
import type { Range } from '../diagnostics/types';
import type { AmMatcher } from './matchers';

export interface AlertmanagerRoute {
  /** child indexes from the root (`[]` = root, `[0, 2]` = third child of the first child) */
  path: number[];
  /** the route's mapping in the file */
  range: Range;
  /** its first key, a short range to point at */
  head: Range;
  /** effective receiver (inherited when the route names none) */
  receiver: string;
  /** the route's own `receiver:` value */
  receiverRange?: Range;
  ownReceiver: boolean;
  /** `match`, `match_re` and `matchers` combined (all must match) */
  matchers: AmMatcher[];
  /** a matcher of this route could not be parsed (Alertmanager refuses the file); it matches nothing here */
  broken?: true;
  continue: boolean;
  continueRange?: Range;
  /** effective grouping and timings (inherited), durations in milliseconds */
  groupBy: string[];
  groupByAll: boolean;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  muteTimeIntervals: { name: string; range: Range }[];
  activeTimeIntervals: { name: string; range: Range }[];
  routes: AlertmanagerRoute[];
}

export interface AlertmanagerReceiver {
  name: string;
  /** the receiver's mapping */
  range: Range;
  nameRange: Range;
  /** integration kinds configured, e.g. `webhook_configs` */
  integrations: string[];
}

export interface AlertmanagerInhibitRule {
  range: Range;
  sourceMatchers: AmMatcher[];
  targetMatchers: AmMatcher[];
  equal: { name: string; range: Range }[];
}

/** a `{{ template "name" . }}` in a receiver field */
export interface TemplateRef {
  name: string;
  /** the name's string literal in the file */
  range: Range;
}

export interface AlertmanagerModel {
  route: AlertmanagerRoute | null;
  receivers: AlertmanagerReceiver[];
  inhibitRules: AlertmanagerInhibitRule[];
  /** `templates:` globs, relative to the config file's directory */
  templates: { pattern: string; range: Range }[];
  timeIntervals: { name: string; range: Range }[];
  /** template names used by receiver fields that are neither built in nor defined in the config */
  templateRefs: TemplateRef[];
}
