/** Building blocks of the schema tables: list/map types and the common leaf collections. */
import type { FieldType } from './decode';

export const list = (of: FieldType, go: string): FieldType => ({ list: of, go });
export const map = (of: FieldType, go: string): FieldType => ({ map: of, go });
export const strings: FieldType = list('string', '[]string');
export const stringMap: FieldType = map('string', 'map[string]string');
export const anyMap: FieldType = map('any', 'map[string]interface {}');
