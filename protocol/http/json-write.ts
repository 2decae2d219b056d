/**
 * Writes JSON so that json-parse.ts (and Neo4j's own clients) read back the same types:
 *
 *   INTEGER (bigint)       its digits: 42, -7
 *   FLOAT (number)         always with a fraction or an exponent, as Neo4j (Java) prints
 *                          doubles: 1.0, -0.0, 0.5, 1e+21; so 1.0 stays a FLOAT on a round trip
 *   NaN, +/-Infinity       the strings "NaN", "Infinity", "-Infinity": JSON has no such
 *                          numbers and Neo4j's JSON writer quotes them the same way
 *   string                 JSON.stringify's escaping (lone surrogates as \udxxx escapes)
 */
import type { JsonValue } from './json-value.js';

/** A scalar (null, boolean, INTEGER, FLOAT, string) as JSON text; undefined for anything else. */
export function writeJsonScalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return formatJsonFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return value === null ? 'null' : undefined;
  }
}

export function writeJson(value: JsonValue): string {
  const scalar = writeJsonScalar(value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += writeJson(value[i] as JsonValue);
    }
    return `${text}]`;
  }
  const object = value as Readonly<Record<string, JsonValue>>;
  let text = '{';
  let first = true;
  for (const key in object) {
    if (!first) text += ',';
    first = false;
    text += `${JSON.stringify(key)}:${writeJson(object[key] as JsonValue)}`;
  }
  return `${text}}`;
}

/** A FLOAT as JSON text: integral values keep a ".0" so that they are read back as FLOAT. */
export function formatJsonFloat(value: number): string {
  if (Number.isInteger(value)) {
    if (Object.is(value, -0)) return '-0.0';
    const text = String(value);
    return text.includes('e') ? text : `${text}.0`;
  }
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? '"NaN"' : value > 0 ? '"Infinity"' : '"-Infinity"';
}
