/** Signature help for every PromQL function and aggregation, with the active parameter. */
import { getAggregator, getFunction } from '../promql/functions';
import { callAt } from './promql-context';
import type { PromQLRegion } from './regions';
import { aggregatorParams, aggregatorSignature, functionParams } from './signatures';

export interface SignatureInfo {
  label: string;
  documentation: string;
  parameters: { label: string }[];
  activeParameter: number;
}

export function signatureHelp(region: PromQLRegion, offset: number): SignatureInfo | undefined {
  const at = region.fromFile(offset);
  if (at === null) return undefined;
  const call = callAt(region.text, at);
  if (!call) return undefined;
  if (call.kind === 'function') {
    const f = getFunction(call.name);
    if (!f) return undefined;
    const params = functionParams(f);
    // variadic functions repeat their last parameter
    const active = params.length === 0 ? 0 : Math.min(call.argIndex, params.length - 1);
    return { label: f.signature, documentation: `${f.doc} → ${f.returnType}`, parameters: params.map((p) => ({ label: p.label })), activeParameter: active };
  }
  const a = getAggregator(call.name);
  if (!a) return undefined;
  const params = aggregatorParams(a);
  return { label: aggregatorSignature(a), documentation: a.doc, parameters: params.map((p) => ({ label: p.label })), activeParameter: Math.min(call.argIndex, params.length - 1) };
}
