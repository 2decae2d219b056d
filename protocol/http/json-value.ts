/**
 * JSON as Neo4j's HTTP API means it: a number written without a fraction or an exponent
 * is a Cypher INTEGER (a 64-bit bigint), any other number a FLOAT (a JS number). JSON.parse
 * cannot keep that distinction (`1` and `1.0` both become 1), so graphlb reads and writes
 * this API with its own codec (json-parse.ts, json-write.ts).
 *
 *   JSON                       JsonValue
 *   null, true, false          null, boolean
 *   -12, 0, 9007199254740993   bigint (int64 range only)
 *   1.0, 1e3, -0.5             number
 *   "text"                     string
 *   [ ... ]                    readonly JsonValue[]
 *   { ... }                    JsonObject (null prototype: "__proto__" is an ordinary key)
 */

export type JsonValue = null | boolean | bigint | number | string | readonly JsonValue[] | JsonObject;

export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
