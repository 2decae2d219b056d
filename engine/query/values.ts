/**
 * The values a Cypher query produces, as the query layer hands them to its callers (the
 * HTTP API, later Bolt). Entities in a result are snapshots taken while the transaction
 * was open, so a caller can render them after commit.
 *
 *   Cypher type   JS
 *   NULL          null
 *   BOOLEAN       boolean
 *   INTEGER       bigint (64-bit)
 *   FLOAT         number
 *   STRING        string
 *   LIST          readonly Value[]
 *   MAP           MapValue (a plain object with a null prototype)
 *   NODE          Node
 *   RELATIONSHIP  Relationship
 *   PATH          Path
 */

export type Value = null | boolean | bigint | number | string | readonly Value[] | MapValue | Node | Relationship | Path;

export interface MapValue {
  readonly [key: string]: Value;
}

export class Node {
  constructor(
    readonly id: number,
    readonly labels: readonly string[],
    readonly properties: MapValue,
    /** Deleted by the statement's transaction (Neo4j's HTTP `meta` says `"deleted": true`); labels and properties are then empty. */
    readonly deleted: boolean = false,
  ) {}

  /** Neo4j 5's element id form; graphlb's ids are stable for the life of the entity. */
  get elementId(): string {
    return String(this.id);
  }
}

export class Relationship {
  constructor(
    readonly id: number,
    readonly type: string,
    readonly startNode: number,
    readonly endNode: number,
    readonly properties: MapValue,
    /** Deleted by the statement's transaction; properties are then empty. */
    readonly deleted: boolean = false,
  ) {}

  get elementId(): string {
    return String(this.id);
  }
}

export class Path {
  /** nodes.length === relationships.length + 1; relationships[i] joins nodes[i] and nodes[i + 1] (in either direction). */
  constructor(
    readonly nodes: readonly Node[],
    readonly relationships: readonly Relationship[],
  ) {}
}

export function isMapValue(value: Value | undefined): value is MapValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Node) &&
    !(value instanceof Relationship) &&
    !(value instanceof Path)
  );
}

/** A map value from entries (null prototype, so keys like `__proto__` are plain keys). */
export function mapValue(entries: Iterable<readonly [string, Value]>): MapValue {
  const map = Object.create(null) as Record<string, Value>;
  for (const [key, value] of entries) map[key] = value;
  return map;
}
