/**
 * The body of a request to the transactional endpoints, read and checked:
 *
 *   { "statements": [ { "statement": "MATCH (n) WHERE n.name = $name RETURN n",
 *                       "parameters": { "name": "Ann" },            optional, {} when absent or null
 *                       "resultDataContents": [ "row", "graph" ],    optional, ["row"] when absent or empty
 *                       "includeStats": true } ],                    optional, false when absent
 *     "bookmarks": [ "neo4j:bookmark:v1:tx42" ] }                    optional (graphlb; also a header)
 *
 * An empty body, or `{}`, has no statements (a keep-alive, or a bare begin or commit).
 * Unknown fields of a statement are ignored as Neo4j ignores them; an unknown top-level
 * field is refused, because a misspelt "statements" would otherwise run nothing silently.
 * Every refusal is Neo.ClientError.Request.InvalidFormat with a message that says what
 * was found and what was expected.
 */
import { Neo4jError } from '../errors.js';
import { JsonParseError, parseJson, type JsonLimits } from './json-parse.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';

export type ResultDataContent = 'row' | 'graph';

export interface StatementRequest {
  readonly statement: string;
  readonly parameters: JsonObject;
  readonly resultDataContents: readonly ResultDataContent[];
  readonly includeStats: boolean;
}

export interface TransactionRequest {
  readonly statements: readonly StatementRequest[];
  readonly bookmarks: readonly string[];
}

/** Arrays and objects nested deeper than this are refused: no real statement needs more, and parsing must stay cheap. */
export const maxRequestNesting = 100;

const noParameters: JsonObject = Object.freeze(Object.create(null) as JsonObject);
const rowOnly: readonly ResultDataContent[] = Object.freeze(['row']);
const example = '{"statements":[{"statement":"RETURN $x","parameters":{"x":1}}]}';

export function decodeTransactionRequest(body: string, limits: JsonLimits): TransactionRequest {
  if (/^\s*$/.test(body)) return { statements: [], bookmarks: [] };
  let json: JsonValue;
  try {
    json = parseJson(body, limits);
  } catch (error) {
    if (!(error instanceof JsonParseError)) throw error;
    throw invalid(`the body is not valid JSON: ${error.message}`);
  }
  if (!isJsonObject(json)) throw invalid(`the body is ${describe(json)}; expected a JSON object like ${example}`);

  let statements: StatementRequest[] = [];
  let bookmarks: readonly string[] = [];
  for (const key in json) {
    const value = json[key] as JsonValue;
    if (key === 'statements') statements = readStatements(value);
    else if (key === 'bookmarks') bookmarks = readBookmarks(value, "the field 'bookmarks'");
    else throw invalid(`unknown field '${key}'; expected 'statements' (and optionally 'bookmarks'), as in ${example}`);
  }
  return { statements, bookmarks };
}

/** A `Bookmarks` header (Neo4j 5): a JSON list of strings; a single bare bookmark is accepted too. */
export function decodeBookmarksHeader(header: string, limits: JsonLimits): readonly string[] {
  const trimmed = header.trim();
  if (!trimmed.startsWith('[')) return trimmed === '' ? [] : [trimmed];
  let json: JsonValue;
  try {
    json = parseJson(trimmed, limits);
  } catch (error) {
    if (!(error instanceof JsonParseError)) throw error;
    throw invalid(`the Bookmarks header is not valid JSON: ${error.message}`);
  }
  return readBookmarks(json, 'the Bookmarks header');
}

function readStatements(value: JsonValue): StatementRequest[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw invalid(`'statements' is ${describe(value)}; expected an array of statement objects, as in ${example}`);
  const statements: StatementRequest[] = [];
  for (let i = 0; i < value.length; i++) statements.push(readStatement(value[i] as JsonValue, i));
  return statements;
}

function readStatement(value: JsonValue, index: number): StatementRequest {
  const where = `statement ${index + 1}`;
  if (!isJsonObject(value)) throw invalid(`${where} is ${describe(value)}; expected an object like {"statement":"RETURN 1"}`);
  const statement = value['statement'];
  if (typeof statement !== 'string') {
    throw invalid(
      statement === undefined ? `${where} has no 'statement' field; expected {"statement":"<Cypher>"}` : `the 'statement' of ${where} is ${describe(statement)}; expected a string of Cypher`,
    );
  }
  const parameters = value['parameters'];
  if (parameters !== undefined && parameters !== null && !isJsonObject(parameters)) {
    throw invalid(`the 'parameters' of ${where} are ${describe(parameters)}; expected an object of named values like {"name":"Ann"}`);
  }
  const includeStats = value['includeStats'];
  if (includeStats !== undefined && includeStats !== null && typeof includeStats !== 'boolean') {
    throw invalid(`'includeStats' of ${where} is ${describe(includeStats)}; expected true or false`);
  }
  return {
    statement,
    parameters: parameters ?? noParameters,
    resultDataContents: readResultDataContents(value['resultDataContents'], where),
    includeStats: includeStats === true,
  };
}

function readResultDataContents(value: JsonValue | undefined, where: string): readonly ResultDataContent[] {
  if (value === undefined || value === null) return rowOnly;
  if (!Array.isArray(value)) throw invalid(`'resultDataContents' of ${where} is ${describe(value)}; expected an array such as ["row","graph"]`);
  const contents: ResultDataContent[] = [];
  for (const item of value as readonly JsonValue[]) {
    const name = typeof item === 'string' ? item.toLowerCase() : undefined;
    if (name !== 'row' && name !== 'graph') {
      throw invalid(
        `'resultDataContents' of ${where} holds ${typeof item === 'string' ? `"${item}"` : describe(item)}; expected "row" or "graph"` +
          (name === 'rest' ? ' (the REST format of Neo4j 3.x is not served by graphlb)' : ''),
      );
    }
    if (!contents.includes(name)) contents.push(name);
  }
  return contents.length === 0 ? rowOnly : contents;
}

function readBookmarks(value: JsonValue, where: string): readonly string[] {
  if (value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalid(`${where} is ${describe(value)}; expected a list of bookmark strings as returned in lastBookmarks, like ["neo4j:bookmark:v1:tx42"]`);
  }
  return value as readonly string[];
}

function invalid(detail: string): Neo4jError {
  return new Neo4jError('Neo.ClientError.Request.InvalidFormat', `Unable to deserialize request: ${detail}`);
}

function describe(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'bigint':
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'an object';
  }
}
