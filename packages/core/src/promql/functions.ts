/**
 * The PromQL catalogue: THE one place that knows every function, aggregation operator, keyword and
 * binary operator of Prometheus's PromQL (as of Prometheus 3.14, `promql/parser/functions.go` and
 * `lex.go`). Checks, completion, hover and signature help read it through the typed accessors below;
 * nothing else in promscope should hard-code a function name or an arity.
 */

/** Value types, spelled as Prometheus's error messages spell them (`DocumentedType`). */
export type ValueType = 'scalar' | 'instant vector' | 'range vector' | 'string' | 'none';

export interface FunctionInfo {
  name: string;
  /** argument types in order; arguments past the end are checked against the last entry */
  argTypes: readonly ValueType[];
  /**
   * Prometheus's `Variadic`: 0 = exactly `argTypes.length` args; k > 0 = between `n-1` and `n-1+k`;
   * -1 = at least `n-1`, no maximum.
   */
  variadic: number;
  returnType: ValueType;
  /** needs `--enable-feature=promql-experimental-functions` */
  experimental: boolean;
  /** first Prometheus version whose function table has it (`2.42.0` = at least that old) */
  since: string;
  /** known to Debian's promtool 2.42 */
  inPromtool242: boolean;
  /** signature as written in docs/querying/functions.md */
  signature: string;
  /** one-line description */
  doc: string;
  /** minimum and maximum (Infinity = unbounded) argument count */
  minArgs: number;
  maxArgs: number;
}

function fn(
  name: string,
  argTypes: ValueType[],
  variadic: number,
  returnType: ValueType,
  experimental: boolean,
  since: string,
  inPromtool242: boolean,
  signature: string,
  doc: string,
): FunctionInfo {
  const n = argTypes.length;
  const minArgs = variadic === 0 ? n : n - 1;
  const maxArgs = variadic === 0 ? n : variadic < 0 ? Infinity : n - 1 + variadic;
  return { name, argTypes, variadic, returnType, experimental, since, inPromtool242, signature, doc, minArgs, maxArgs };
}

const FUNCTION_LIST: readonly FunctionInfo[] = [
  fn('abs', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "abs(v instant-vector)", "Absolute value of every sample."),
  fn('absent', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "absent(v instant-vector)", "1-element vector if the input vector is empty, else empty."),
  fn('absent_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "absent_over_time(v range-vector)", "1-element vector if the range vector has no samples, else empty."),
  fn('acos', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "acos(v instant-vector)", "Arccosine of every sample."),
  fn('acosh', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "acosh(v instant-vector)", "Inverse hyperbolic cosine of every sample."),
  fn('asin', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "asin(v instant-vector)", "Arcsine of every sample."),
  fn('asinh', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "asinh(v instant-vector)", "Inverse hyperbolic sine of every sample."),
  fn('atan', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "atan(v instant-vector)", "Arctangent of every sample."),
  fn('atanh', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "atanh(v instant-vector)", "Inverse hyperbolic tangent of every sample."),
  fn('avg_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "avg_over_time(range-vector)", "Average of all points in the range."),
  fn('ceil', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "ceil(v instant-vector)", "Rounds sample values up to the nearest integer."),
  fn('changes', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "changes(v range-vector)", "Number of times the value changed within the range."),
  fn('clamp', ['instant vector', 'scalar', 'scalar'], 0, 'instant vector', false, '2.42.0', true, "clamp(v instant-vector, min scalar, max scalar)", "Clamps sample values to [min, max]."),
  fn('clamp_max', ['instant vector', 'scalar'], 0, 'instant vector', false, '2.42.0', true, "clamp_max(v instant-vector, max scalar)", "Clamps sample values to an upper bound."),
  fn('clamp_min', ['instant vector', 'scalar'], 0, 'instant vector', false, '2.42.0', true, "clamp_min(v instant-vector, min scalar)", "Clamps sample values to a lower bound."),
  fn('cos', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "cos(v instant-vector)", "Cosine of every sample."),
  fn('cosh', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "cosh(v instant-vector)", "Hyperbolic cosine of every sample."),
  fn('count_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "count_over_time(range-vector)", "Number of samples in the range."),
  fn('day_of_month', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "day_of_month(v=vector(time()) instant-vector)", "Day of the month (1–31) in UTC."),
  fn('day_of_week', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "day_of_week(v=vector(time()) instant-vector)", "Day of the week (0=Sunday) in UTC."),
  fn('day_of_year', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "day_of_year(v=vector(time()) instant-vector)", "Day of the year (1–366) in UTC."),
  fn('days_in_month', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "days_in_month(v=vector(time()) instant-vector)", "Number of days in the month (28–31) in UTC."),
  fn('deg', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "deg(v instant-vector)", "Converts radians to degrees."),
  fn('delta', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "delta(v range-vector)", "Difference between first and last value of a gauge range."),
  fn('deriv', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "deriv(v range-vector)", "Per-second derivative by simple linear regression."),
  fn('double_exponential_smoothing', ['range vector', 'scalar', 'scalar'], 0, 'instant vector', true, '3.0.0', false, "double_exponential_smoothing(v range-vector, sf scalar, tf scalar)", "Smoothed value from double exponential smoothing (formerly holt_winters)."),
  fn('end', [], 0, 'scalar', true, '3.12.0', false, "end()", "End timestamp of the range query (seconds)."),
  fn('exp', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "exp(v instant-vector)", "Exponential of every sample."),
  fn('first_over_time', ['range vector'], 0, 'instant vector', false, '3.7.0', false, "first_over_time(range-vector)", "Oldest sample in the range."),
  fn('floor', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "floor(v instant-vector)", "Rounds sample values down to the nearest integer."),
  fn('histogram_avg', ['instant vector'], 0, 'instant vector', false, '2.51.0', false, "histogram_avg(v instant-vector)", "Arithmetic average of native histogram observations."),
  fn('histogram_count', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "histogram_count(v instant-vector)", "Observation count of native histograms."),
  fn('histogram_fraction', ['scalar', 'scalar', 'instant vector'], 0, 'instant vector', false, '2.42.0', true, "histogram_fraction(lower scalar, upper scalar, b instant-vector)", "Estimated fraction of observations between lower and upper."),
  fn('histogram_quantile', ['scalar', 'instant vector'], 0, 'instant vector', false, '2.42.0', true, "histogram_quantile(φ scalar, b instant-vector)", "φ-quantile estimated from a (classic or native) histogram."),
  fn('histogram_quantiles', ['instant vector', 'string', 'scalar', 'scalar'], 9, 'instant vector', true, '3.11.0', false, "histogram_quantiles(v instant-vector, quantile_label string, φ_1 scalar, φ_2 scalar, ...)", "Several φ-quantiles at once, one series per quantile label value."),
  fn('histogram_stddev', ['instant vector'], 0, 'instant vector', false, '2.47.0', false, "histogram_stddev(v instant-vector)", "Estimated standard deviation of native histogram observations."),
  fn('histogram_stdvar', ['instant vector'], 0, 'instant vector', false, '2.47.0', false, "histogram_stdvar(v instant-vector)", "Estimated variance of native histogram observations."),
  fn('histogram_sum', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "histogram_sum(v instant-vector)", "Sum of observations of native histograms."),
  fn('hour', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "hour(v=vector(time()) instant-vector)", "Hour of the day (0–23) in UTC."),
  fn('idelta', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "idelta(v range-vector)", "Difference of the last two samples in the range."),
  fn('increase', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "increase(v range-vector)", "Increase of a counter over the range, extrapolated."),
  fn('info', ['instant vector', 'instant vector'], 1, 'instant vector', true, '2.55.0', false, "info(v instant-vector, [data-label-selector instant-vector])", "Adds labels from info metrics (e.g. target_info) to the series."),
  fn('irate', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "irate(v range-vector)", "Per-second rate from the last two samples of a counter range."),
  fn('label_join', ['instant vector', 'string', 'string', 'string'], -1, 'instant vector', false, '2.42.0', true, "label_join(v instant-vector, dst_label string, separator string, src_label_1 string, src_label_2 string, ...)", "Joins the values of source labels into a destination label."),
  fn('label_replace', ['instant vector', 'string', 'string', 'string', 'string'], 0, 'instant vector', false, '2.42.0', true, "label_replace(v instant-vector, dst_label string, replacement string, src_label string, regex string)", "Sets a label from a regex match on another label."),
  fn('last_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "last_over_time(range-vector)", "Most recent sample in the range."),
  fn('ln', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "ln(v instant-vector)", "Natural logarithm of every sample."),
  fn('log10', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "log10(v instant-vector)", "Decimal logarithm of every sample."),
  fn('log2', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "log2(v instant-vector)", "Binary logarithm of every sample."),
  fn('mad_over_time', ['range vector'], 0, 'instant vector', true, '2.49.0', false, "mad_over_time(range-vector)", "Median absolute deviation of the values in the range."),
  fn('max_of', ['scalar', 'scalar'], 0, 'scalar', true, '3.13.0', false, "max_of(a scalar, b scalar)", "Larger of two scalars."),
  fn('max_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "max_over_time(range-vector)", "Maximum of all points in the range."),
  fn('min_of', ['scalar', 'scalar'], 0, 'scalar', true, '3.13.0', false, "min_of(a scalar, b scalar)", "Smaller of two scalars."),
  fn('min_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "min_over_time(range-vector)", "Minimum of all points in the range."),
  fn('minute', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "minute(v=vector(time()) instant-vector)", "Minute of the hour (0–59) in UTC."),
  fn('month', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "month(v=vector(time()) instant-vector)", "Month of the year (1–12) in UTC."),
  fn('pi', [], 0, 'scalar', false, '2.42.0', true, "pi()", "The number π."),
  fn('predict_linear', ['range vector', 'scalar'], 0, 'instant vector', false, '2.42.0', true, "predict_linear(v range-vector, t scalar)", "Predicted value t seconds from now by linear regression."),
  fn('present_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "present_over_time(range-vector)", "1 for every series that has any sample in the range."),
  fn('quantile_over_time', ['scalar', 'range vector'], 0, 'instant vector', false, '2.42.0', true, "quantile_over_time(scalar, range-vector)", "φ-quantile of the values in the range."),
  fn('rad', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "rad(v instant-vector)", "Converts degrees to radians."),
  fn('range', [], 0, 'scalar', true, '3.12.0', false, "range()", "Range of the range query (seconds)."),
  fn('rate', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "rate(v range-vector)", "Per-second average rate of increase of a counter over the range."),
  fn('resets', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "resets(v range-vector)", "Number of counter resets within the range."),
  fn('round', ['instant vector', 'scalar'], 1, 'instant vector', false, '2.42.0', true, "round(v instant-vector, to_nearest=1 scalar)", "Rounds sample values to the nearest multiple of to_nearest."),
  fn('scalar', ['instant vector'], 0, 'scalar', false, '2.42.0', true, "scalar(v instant-vector)", "The sample value of a single-element vector as a scalar, else NaN."),
  fn('sgn', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "sgn(v instant-vector)", "Sign of every sample (-1, 0 or 1)."),
  fn('sin', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "sin(v instant-vector)", "Sine of every sample."),
  fn('sinh', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "sinh(v instant-vector)", "Hyperbolic sine of every sample."),
  fn('sort', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "sort(v instant-vector)", "Sorts by sample value, ascending (instant queries only)."),
  fn('sort_by_label', ['instant vector', 'string'], -1, 'instant vector', true, '2.49.0', false, "sort_by_label(v instant-vector, label string, ...)", "Sorts by the given label values, ascending."),
  fn('sort_by_label_desc', ['instant vector', 'string'], -1, 'instant vector', true, '2.49.0', false, "sort_by_label_desc(v instant-vector, label string, ...)", "Sorts by the given label values, descending."),
  fn('sort_desc', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "sort_desc(v instant-vector)", "Sorts by sample value, descending."),
  fn('sqrt', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "sqrt(v instant-vector)", "Square root of every sample."),
  fn('start', [], 0, 'scalar', true, '3.12.0', false, "start()", "Start timestamp of the range query (seconds)."),
  fn('start_timestamp', ['instant vector'], 0, 'instant vector', true, '3.14.0', false, "start_timestamp(v instant-vector)", "Start (creation) timestamp of each series."),
  fn('stddev_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "stddev_over_time(range-vector)", "Population standard deviation of the values in the range."),
  fn('stdvar_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "stdvar_over_time(range-vector)", "Population variance of the values in the range."),
  fn('step', [], 0, 'scalar', true, '3.12.0', false, "step()", "Step of the range query (seconds)."),
  fn('sum_over_time', ['range vector'], 0, 'instant vector', false, '2.42.0', true, "sum_over_time(range-vector)", "Sum of all values in the range."),
  fn('tan', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "tan(v instant-vector)", "Tangent of every sample."),
  fn('tanh', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "tanh(v instant-vector)", "Hyperbolic tangent of every sample."),
  fn('time', [], 0, 'scalar', false, '2.42.0', true, "time()", "Evaluation timestamp in seconds since the epoch."),
  fn('timestamp', ['instant vector'], 0, 'instant vector', false, '2.42.0', true, "timestamp(v instant-vector)", "Timestamp of each sample, in seconds."),
  fn('ts_of_first_over_time', ['range vector'], 0, 'instant vector', true, '3.7.0', false, "ts_of_first_over_time(range-vector)", "Timestamp of the oldest sample in the range."),
  fn('ts_of_last_over_time', ['range vector'], 0, 'instant vector', true, '3.5.0', false, "ts_of_last_over_time(range-vector)", "Timestamp of the most recent sample in the range."),
  fn('ts_of_max_over_time', ['range vector'], 0, 'instant vector', true, '3.5.0', false, "ts_of_max_over_time(range-vector)", "Timestamp of the maximum sample in the range."),
  fn('ts_of_min_over_time', ['range vector'], 0, 'instant vector', true, '3.5.0', false, "ts_of_min_over_time(range-vector)", "Timestamp of the minimum sample in the range."),
  fn('vector', ['scalar'], 0, 'instant vector', false, '2.42.0', true, "vector(s scalar)", "The scalar as a vector without labels."),
  fn('year', ['instant vector'], 1, 'instant vector', false, '2.42.0', true, "year(v=vector(time()) instant-vector)", "Year in UTC."),
];

const FUNCTIONS: ReadonlyMap<string, FunctionInfo> = new Map(FUNCTION_LIST.map((f) => [f.name, f]));

/** Functions removed from Prometheus (name → explanation); useful for a better hint than "unknown". */
export const REMOVED_FUNCTIONS: Readonly<Record<string, { removedIn: string; replacement: string }>> = {
  holt_winters: { removedIn: '3.0.0', replacement: 'double_exponential_smoothing' },
};

/** holt_winters, renamed double_exponential_smoothing in 3.0 */
const HOLT_WINTERS: FunctionInfo = {
  name: 'holt_winters',
  argTypes: ['range vector', 'scalar', 'scalar'],
  variadic: 0,
  returnType: 'instant vector',
  experimental: false,
  since: '2.42.0',
  inPromtool242: true,
  signature: 'holt_winters(v range-vector, sf scalar, tf scalar)',
  doc: 'Smoothed value (removed in Prometheus 3.0: use double_exponential_smoothing).',
  minArgs: 3,
  maxArgs: 3,
};

/** The function `name` as the target version knows it (unknown when newer than the target). */
/** `since` as [major, minor], parsed once per function */
const SINCE = new WeakMap<FunctionInfo, [number, number]>();

export function getFunctionForVersion(name: string, version: readonly [number, number]): FunctionInfo | undefined {
  if (name === 'holt_winters') return version[0] < 3 ? HOLT_WINTERS : undefined;
  const f = getFunction(name);
  if (!f) return undefined;
  let since = SINCE.get(f);
  if (!since) SINCE.set(f, (since = f.since.split('.').map(Number) as [number, number]));
  if (version[0] < since[0] || (version[0] === since[0] && version[1] < since[1])) return undefined;
  return f;
}

/** Every function of the newest Prometheus, sorted by name. */
export function allFunctions(): readonly FunctionInfo[] {
  return FUNCTION_LIST;
}

/** Case-sensitive lookup, as Prometheus's `getFunction`. */
export function getFunction(name: string): FunctionInfo | undefined {
  return FUNCTIONS.get(name);
}

/** The argument type expected at position `i` (0-based), following Prometheus's variadic rule. */
export function argTypeAt(f: FunctionInfo, i: number): ValueType | undefined {
  if (i < f.argTypes.length) return f.argTypes[i];
  if (f.variadic === 0) return undefined;
  return f.argTypes[f.argTypes.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Aggregation operators

export interface AggregatorInfo {
  name: string;
  /** type of the leading parameter (`topk(5, x)`), or undefined when the operator takes none */
  paramType?: 'scalar' | 'string';
  paramName?: string;
  experimental: boolean;
  since: string;
  doc: string;
}

const AGGREGATOR_LIST: readonly AggregatorInfo[] = [
  { name: 'sum', experimental: false, since: '2.42.0', doc: 'Sum over dimensions.' },
  { name: 'avg', experimental: false, since: '2.42.0', doc: 'Average over dimensions.' },
  { name: 'count', experimental: false, since: '2.42.0', doc: 'Number of elements in the vector.' },
  { name: 'min', experimental: false, since: '2.42.0', doc: 'Minimum over dimensions.' },
  { name: 'max', experimental: false, since: '2.42.0', doc: 'Maximum over dimensions.' },
  { name: 'group', experimental: false, since: '2.42.0', doc: 'All values in the resulting vector are 1.' },
  { name: 'stddev', experimental: false, since: '2.42.0', doc: 'Population standard deviation over dimensions.' },
  { name: 'stdvar', experimental: false, since: '2.42.0', doc: 'Population variance over dimensions.' },
  { name: 'topk', paramType: 'scalar', paramName: 'k', experimental: false, since: '2.42.0', doc: 'Largest k elements by sample value.' },
  { name: 'bottomk', paramType: 'scalar', paramName: 'k', experimental: false, since: '2.42.0', doc: 'Smallest k elements by sample value.' },
  { name: 'quantile', paramType: 'scalar', paramName: 'φ', experimental: false, since: '2.42.0', doc: 'φ-quantile (0 ≤ φ ≤ 1) over dimensions.' },
  { name: 'count_values', paramType: 'string', paramName: 'label', experimental: false, since: '2.42.0', doc: 'Number of elements with the same value; the value goes into the given label.' },
  { name: 'limitk', paramType: 'scalar', paramName: 'k', experimental: true, since: '2.54.0', doc: 'k elements, chosen deterministically, not by value.' },
  { name: 'limit_ratio', paramType: 'scalar', paramName: 'ratio', experimental: true, since: '2.54.0', doc: 'Deterministic pseudo-random sample of a ratio of the elements.' },
];

const AGGREGATORS: ReadonlyMap<string, AggregatorInfo> = new Map(AGGREGATOR_LIST.map((a) => [a.name, a]));

export function allAggregators(): readonly AggregatorInfo[] {
  return AGGREGATOR_LIST;
}

/** Aggregation operators are keywords: matched case-insensitively (`SUM(x)` is valid). */
export function getAggregator(name: string): AggregatorInfo | undefined {
  return AGGREGATORS.get(name.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Binary operators

export type BinaryOpClass = 'arithmetic' | 'trigonometric' | 'comparison' | 'histogram-trim' | 'set';

export interface BinaryOperatorInfo {
  op: string;
  class: BinaryOpClass;
  /** 1 = loosest (`or`) … 6 = tightest (`^`) */
  precedence: number;
  rightAssociative: boolean;
  doc: string;
}

const BINARY_OPERATOR_LIST: readonly BinaryOperatorInfo[] = [
  { op: 'or', class: 'set', precedence: 1, rightAssociative: false, doc: 'Union of two vectors.' },
  { op: 'and', class: 'set', precedence: 2, rightAssociative: false, doc: 'Intersection of two vectors.' },
  { op: 'unless', class: 'set', precedence: 2, rightAssociative: false, doc: 'Complement: left elements without a match on the right.' },
  { op: '==', class: 'comparison', precedence: 3, rightAssociative: false, doc: 'Equal.' },
  { op: '!=', class: 'comparison', precedence: 3, rightAssociative: false, doc: 'Not equal.' },
  { op: '<=', class: 'comparison', precedence: 3, rightAssociative: false, doc: 'Less or equal.' },
  { op: '<', class: 'comparison', precedence: 3, rightAssociative: false, doc: 'Less than.' },
  { op: '>=', class: 'comparison', precedence: 3, rightAssociative: false, doc: 'Greater or equal.' },
  { op: '>', class: 'comparison', precedence: 3, rightAssociative: false, doc: 'Greater than.' },
  { op: '</', class: 'histogram-trim', precedence: 3, rightAssociative: false, doc: 'Trims the upper part of native histograms above a threshold.' },
  { op: '>/', class: 'histogram-trim', precedence: 3, rightAssociative: false, doc: 'Trims the lower part of native histograms below a threshold.' },
  { op: '+', class: 'arithmetic', precedence: 4, rightAssociative: false, doc: 'Addition.' },
  { op: '-', class: 'arithmetic', precedence: 4, rightAssociative: false, doc: 'Subtraction.' },
  { op: '*', class: 'arithmetic', precedence: 5, rightAssociative: false, doc: 'Multiplication.' },
  { op: '/', class: 'arithmetic', precedence: 5, rightAssociative: false, doc: 'Division.' },
  { op: '%', class: 'arithmetic', precedence: 5, rightAssociative: false, doc: 'Modulo.' },
  { op: 'atan2', class: 'trigonometric', precedence: 5, rightAssociative: false, doc: 'Arc tangent of left/right.' },
  { op: '^', class: 'arithmetic', precedence: 6, rightAssociative: true, doc: 'Power.' },
];

const BINARY_OPERATORS: ReadonlyMap<string, BinaryOperatorInfo> = new Map(BINARY_OPERATOR_LIST.map((o) => [o.op, o]));

export function allBinaryOperators(): readonly BinaryOperatorInfo[] {
  return BINARY_OPERATOR_LIST;
}

/** `and`/`or`/`unless`/`atan2` are case-insensitive keywords. */
export function getBinaryOperator(op: string): BinaryOperatorInfo | undefined {
  return BINARY_OPERATORS.get(op.toLowerCase());
}

export function isComparisonOperator(op: string): boolean {
  return getBinaryOperator(op)?.class === 'comparison';
}

export function isSetOperator(op: string): boolean {
  return getBinaryOperator(op)?.class === 'set';
}

// ---------------------------------------------------------------------------------------------
// Keywords and feature flags

export type KeywordGroup = 'operator' | 'aggregator' | 'modifier' | 'preprocessor' | 'number';

export interface KeywordInfo {
  word: string;
  group: KeywordGroup;
  /** accepted as a metric name (`metric_identifier` in the grammar) */
  metricName: boolean;
}

const METRIC_NAME_KEYWORDS = new Set(
  'avg bottomk by count count_values fill fill_left fill_right group and or unless max min offset quantile stddev stdvar sum topk without start end limitk limit_ratio step range anchored smoothed max_of min_of'.split(' '),
);

const KEYWORD_LIST: readonly KeywordInfo[] = [
  ...['and', 'or', 'unless', 'atan2'].map((w) => ({ word: w, group: 'operator' as const })),
  ...AGGREGATOR_LIST.map((a) => ({ word: a.name, group: 'aggregator' as const })),
  ...['offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'smoothed', 'anchored', 'fill', 'fill_left', 'fill_right'].map((w) => ({ word: w, group: 'modifier' as const })),
  ...['start', 'end', 'step', 'range', 'max_of', 'min_of'].map((w) => ({ word: w, group: 'preprocessor' as const })),
  ...['inf', 'nan'].map((w) => ({ word: w, group: 'number' as const })),
].map((k) => ({ ...k, metricName: METRIC_NAME_KEYWORDS.has(k.word) }));

const KEYWORDS: ReadonlyMap<string, KeywordInfo> = new Map(KEYWORD_LIST.map((k) => [k.word, k]));

export function allKeywords(): readonly KeywordInfo[] {
  return KEYWORD_LIST;
}

/** Keywords are matched case-insensitively by Prometheus's lexer. */
export function getKeyword(word: string): KeywordInfo | undefined {
  return KEYWORDS.get(word.toLowerCase());
}

/** Prometheus `--enable-feature` names that change what the PromQL parser accepts. */
export const FEATURES = {
  experimentalFunctions: 'promql-experimental-functions',
  extendedRangeSelectors: 'promql-extended-range-selectors',
  binopFillModifiers: 'promql-binop-fill-modifiers',
  durationExpr: 'promql-duration-expr',
} as const;
