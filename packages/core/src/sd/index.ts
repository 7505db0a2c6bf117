/**
 * Public API of the service-discovery module: the YAML shape of every `<name>_sd_configs` block,
 * its load-time checks, and the catalogue of `__meta_*` labels each discovery (and Kubernetes role)
 * produces — for relabel checks, editor completion and hovers.
 */
export { sdSchemas, sdNames, sdKey } from './schemas';
export { sdValidators } from './validate';
export { catalogueFor, catalogueHas, catalogueEntries, kubernetesCatalogue, type MetaCatalogue, type SDInstance } from './meta-labels';
