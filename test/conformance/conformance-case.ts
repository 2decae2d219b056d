/**
 * One case of the Cypher conformance suite: a statement run on a fresh database after
 * some setup, and what Neo4j 4.4/5 answers to it. Expected values are engine values
 * (engine/query/values.ts); nodes, relationships and paths are written with the helpers
 * below, which leave ids out because ids are the engine's business.
 */
import type { QueryStatistics } from '../../engine/query/query-engine.js';
import { mapValue, Node, Path, Relationship, type MapValue, type Value } from '../../engine/query/values.js';

export interface ExpectedRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Value[])[];
  /** false: rows are compared as a multiset (Cypher promises no order without ORDER BY). */
  readonly ordered: boolean;
}

export interface ExpectedError {
  /** A Neo4j status code, e.g. 'Neo.ClientError.Statement.SyntaxError'. */
  readonly error: string;
}

export interface ConformanceCase {
  /** Unique within the suite; says what the case checks. */
  readonly name: string;
  /** Statements run before the query, each in its own committed transaction, on a fresh database. */
  readonly setup?: readonly string[];
  readonly query: string;
  /** INTEGER as bigint, FLOAT as number, as the HTTP layer hands them over. */
  readonly parameters?: Readonly<Record<string, Value>>;
  readonly expected: ExpectedRows | ExpectedError;
  /** Only the counters named are compared. */
  readonly stats?: Partial<QueryStatistics>;
  /**
   * A read run in a new transaction after the query committed (or failed and was rolled
   * back): what the query left in the database.
   */
  readonly after?: { readonly query: string; readonly expected: ExpectedRows };
}

export function isExpectedError(expected: ExpectedRows | ExpectedError): expected is ExpectedError {
  return 'error' in expected;
}

/** A node with these labels (in any order) and exactly these properties. */
export function node(labels: readonly string[] = [], properties: Readonly<Record<string, Value>> = {}): Node {
  return new Node(-1, labels, mapValue(Object.entries(properties)));
}

/** A relationship of this type with exactly these properties. */
export function rel(type: string, properties: Readonly<Record<string, Value>> = {}): Relationship {
  return new Relationship(-1, type, -1, -1, mapValue(Object.entries(properties)));
}

/** One step of an expected path: `->` when the relationship points along the path, `<-` against it. */
export interface Hop {
  readonly direction: '->' | '<-';
  readonly relationship: Relationship;
  readonly node: Node;
}

export function hop(direction: '->' | '<-', relationship: Relationship, to: Node): Hop {
  return { direction, relationship, node: to };
}

/**
 * A path from `start` along `hops`. Its nodes get their position as id so that the
 * direction of each relationship can be read back the way it is read from a real path.
 */
export function path(start: Node, ...hops: readonly Hop[]): Path {
  const nodes = [start, ...hops.map((step) => step.node)].map((n, position) => new Node(position, n.labels, n.properties));
  const relationships = hops.map((step, i) => {
    const [from, to] = step.direction === '->' ? [i, i + 1] : [i + 1, i];
    return new Relationship(-1, step.relationship.type, from, to, step.relationship.properties);
  });
  return new Path(nodes, relationships);
}

/** Matches whatever the engine returns in that place: ids, generated names, clock readings. */
export const anyValue: MapValue = mapValue([['$anyValue', true]]);
