import { readFileSync } from 'node:fs';

interface SchemaObject {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
}

interface OpenApiDocument {
  components: { schemas: Record<string, SchemaObject> };
}

export function loadOpenApi(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

function resolve(spec: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = spec.components.schemas[name];
  if (!target) throw new Error(`Unknown schema ${schema.$ref}`);
  return resolve(spec, target);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Where `value` departs from an OpenAPI schema: a property the schema does not declare, or a
 * value of the wrong type. eBay's schemas declare no required fields, so absence is not checked.
 */
export function findShapeProblems(spec: OpenApiDocument, schemaName: string, value: unknown): string[] {
  const problems: string[] = [];
  const visit = (schema: SchemaObject, current: unknown, at: string): void => {
    const resolved = resolve(spec, schema);
    const actual = typeOf(current);
    const expected = resolved.type ?? (resolved.properties ? 'object' : undefined);
    if (expected === undefined) return;
    const fits = expected === actual || (expected === 'number' && actual === 'integer');
    if (!fits) {
      problems.push(`${at || '(root)'}: expected ${expected}, got ${actual}`);
      return;
    }
    if (expected === 'array' && resolved.items && Array.isArray(current)) {
      current.forEach((entry, index) => visit(resolved.items!, entry, `${at}[${index}]`));
    }
    if (expected === 'object' && current && typeof current === 'object') {
      for (const [key, entry] of Object.entries(current)) {
        const property = resolved.properties?.[key];
        if (property) visit(property, entry, at ? `${at}.${key}` : key);
        else if (resolved.additionalProperties === undefined || resolved.additionalProperties === false) {
          if (resolved.properties) problems.push(`${at ? `${at}.` : ''}${key}: not in the schema`);
        } else if (typeof resolved.additionalProperties === 'object') {
          visit(resolved.additionalProperties, entry, at ? `${at}.${key}` : key);
        }
      }
    }
  };
  const root = spec.components.schemas[schemaName];
  if (!root) throw new Error(`Unknown schema ${schemaName}`);
  visit(root, value, '');
  return problems;
}
