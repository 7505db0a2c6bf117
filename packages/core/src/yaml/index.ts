/**
 * The YAML layer of promscope: parse (multi-document, exact ranges, scalar source maps, yaml.v3
 * semantics), limits against hostile input, node helpers and the strict struct decoder that every
 * file kind (rules, prometheus.yml, alertmanager.yml) builds on.
 *
 *   const { documents, diagnostics } = parseYaml(text, { limits: { maxDepth: 200 } });
 *   const g = decodeStruct(documents[0].root!, { goType: 'config.Config', fields }, { code: 'config/schema' });
 *   scalar.toFileRange(rangeInDecodedText) // → range in the file, for every scalar style
 */
export * from './types';
export { parseYaml, type YamlParseOptions } from './parse';
export { defaultYamlLimits, type YamlLimits } from './limits';
export { resolveScalar, shortTag, type GoTag, type Resolved } from './resolve';
export { IdentityMap, ScalarSourceMap, type SourceMapLike } from './source-map';
export { effectivePairs, badMerges, getPair, isNull, nodeTag, stringValue } from './nodes';
export { checkValue, decodeStruct, mapKeyString, unmarshalError, type DecodedStruct, type GoYaml, type Expect, type FieldSpec, type StrictOptions, type StructSpec } from './strict';
export { parsePromDuration, goQuote, type DurationResult } from './duration';
export { decodeYamlBytes, encodingProblemDiagnostic, looksBinary, utf16Of, utf16Problem, utf8Problem, type DecodedBytes, type EncodingProblem } from './bytes';
