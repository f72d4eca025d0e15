/**
 * Checks a JSON value against an OpenAPI 3.0 schema of our document: `$ref`, `allOf`, `oneOf`,
 * `nullable`, `type`, `enum`, `properties`, `required`, `items`, `additionalProperties`, and the
 * `date-time` and `uuid` formats. That is every keyword the document uses; an unknown one fails,
 * so the check never silently passes on something it does not understand.
 */
type Json = Record<string, any>;

const KNOWN = new Set([
  '$ref', 'allOf', 'oneOf', 'nullable', 'type', 'enum', 'properties', 'required', 'items', 'additionalProperties', 'format',
  'description', 'example', 'examples', 'default', 'minimum', 'maximum', 'minLength', 'maxLength', 'title',
]);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SchemaCheck {
  document: Json;
  /** When true, an object member the schema does not declare is a problem (unless additionalProperties allows it). */
  strict: boolean;
}

function resolve(document: Json, ref: string): Json {
  return ref
    .slice(2)
    .split('/')
    .reduce((node: Json, key) => node[key], document);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Where the value breaks the schema, as `$.path: reason` lines; empty when it conforms. */
export function schemaProblems(check: SchemaCheck, schema: Json, value: unknown, at = '$'): string[] {
  const unknown = Object.keys(schema).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) return [`${at}: the check does not understand ${unknown.join(', ')}`];
  if (schema.$ref) return schemaProblems(check, resolve(check.document, schema.$ref), value, at);
  if (value === null) return schema.nullable ? [] : [`${at}: null but not nullable`];
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...schemaProblems(check, part, value, at));
  if (schema.oneOf && !schema.oneOf.some((option: Json) => schemaProblems(check, option, value, at).length === 0)) {
    problems.push(`${at}: ${JSON.stringify(value)} matches none of oneOf`);
  }
  const actual = typeOf(value);
  if (schema.type && !(schema.type === actual || (schema.type === 'number' && actual === 'integer'))) {
    return [...problems, `${at}: ${actual} where the schema says ${schema.type}`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string' && schema.format === 'date-time' && !DATE_TIME.test(value)) problems.push(`${at}: ${value} is not a date-time`);
  if (typeof value === 'string' && schema.format === 'uuid' && !UUID.test(value)) problems.push(`${at}: ${value} is not a uuid`);
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => problems.push(...schemaProblems(check, schema.items, item, `${at}[${i}]`)));
  if (actual === 'object' && (schema.properties || schema.additionalProperties !== undefined)) problems.push(...objectProblems(check, schema, value as Json, at));
  return problems;
}

function objectProblems(check: SchemaCheck, schema: Json, value: Json, at: string): string[] {
  const properties: Json = schema.properties ?? {};
  const problems = (schema.required ?? []).filter((name: string) => !(name in value)).map((name: string) => `${at}.${name}: required but missing`);
  for (const [name, member] of Object.entries(value)) {
    if (properties[name]) problems.push(...schemaProblems(check, properties[name], member, `${at}.${name}`));
    else if (typeof schema.additionalProperties === 'object') problems.push(...schemaProblems(check, schema.additionalProperties, member, `${at}.${name}`));
    else if (check.strict && !schema.additionalProperties) problems.push(`${at}.${name}: not declared in the schema`);
  }
  return problems;
}
