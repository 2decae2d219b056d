/**
 * Compares query results with a case's expectation. Both sides are first turned into
 * shapes without ids (a node is its labels and properties, a path its nodes and the
 * direction of each relationship along it), then compared with node:assert's strict
 * deep equality, so INTEGER 1n and FLOAT 1 stay different and a failure prints a diff.
 */
import assert from 'node:assert/strict';
import { isMapValue, Node, Path, Relationship, type Value } from '../../engine/query/values.js';
import { anyValue, type ExpectedRows } from './conformance-case.js';

class NodeShape {
  constructor(
    readonly labels: readonly string[],
    readonly properties: Map<string, Shape>,
  ) {}
}

class RelationshipShape {
  constructor(
    readonly type: string,
    readonly properties: Map<string, Shape>,
  ) {}
}

class PathShape {
  /** node, direction, relationship, node, ... */
  constructor(readonly steps: readonly (NodeShape | RelationshipShape | '->' | '<-')[]) {}
}

class AnyShape {}
const ANY = new AnyShape();

type Shape = null | boolean | bigint | number | string | readonly Shape[] | Map<string, Shape> | NodeShape | RelationshipShape | PathShape | AnyShape;

function shapeOf(value: Value): Shape {
  if (value === anyValue) return ANY;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value instanceof Node) return nodeShape(value);
  if (value instanceof Relationship) return new RelationshipShape(value.type, mapShape(value.properties));
  if (value instanceof Path) return pathShape(value);
  if (isMapValue(value)) return mapShape(value);
  throw new Error(`not a query value: ${String(value)}`);
}

function nodeShape(value: Node): NodeShape {
  return new NodeShape([...value.labels].sort(), mapShape(value.properties));
}

function mapShape(map: Readonly<Record<string, Value>>): Map<string, Shape> {
  const keys = Object.keys(map).sort();
  return new Map(keys.map((key) => [key, shapeOf(map[key]!)]));
}

function pathShape(value: Path): PathShape {
  const steps: (NodeShape | RelationshipShape | '->' | '<-')[] = [nodeShape(value.nodes[0]!)];
  value.relationships.forEach((relationship, i) => {
    steps.push(relationship.startNode === value.nodes[i]!.id ? '->' : '<-');
    steps.push(new RelationshipShape(relationship.type, mapShape(relationship.properties)));
    steps.push(nodeShape(value.nodes[i + 1]!));
  });
  return new PathShape(steps);
}

/** `expected` with every wildcard replaced by what `actual` holds in that place. */
function resolve(expected: Shape, actual: Shape): Shape {
  if (expected === ANY) return actual;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.map((item: Shape, i) => (i < actual.length ? resolve(item, actual[i] as Shape) : item));
  }
  if (expected instanceof Map && actual instanceof Map) {
    return new Map([...expected].map(([key, item]) => [key, actual.has(key) ? resolve(item, actual.get(key)!) : item]));
  }
  return expected;
}

function matches(expected: Shape, actual: Shape): boolean {
  try {
    assert.deepStrictEqual(actual, resolve(expected, actual));
    return true;
  } catch {
    return false;
  }
}

/**
 * Asserts that `columns` and `rows` are what `expected` describes. Unordered rows are
 * paired greedily with expected rows that match, and the diff lists the pairs first and
 * then what was left over on either side.
 */
export function assertRows(expected: ExpectedRows, columns: readonly string[], rows: readonly (readonly Value[])[]): void {
  assert.deepStrictEqual([...columns], [...expected.columns], 'columns');
  const actualShapes = rows.map((row) => row.map(shapeOf));
  const expectedShapes = expected.rows.map((row) => row.map(shapeOf));
  if (expected.ordered) {
    const resolved = expectedShapes.map((row, i) => (i < actualShapes.length ? resolve(row, actualShapes[i]!) : row));
    assert.deepStrictEqual(actualShapes, resolved, 'rows (in order)');
    return;
  }
  const unpaired = [...actualShapes];
  const pairedActual: Shape[][] = [];
  const pairedExpected: Shape[] = [];
  const missing: Shape[] = [];
  for (const row of expectedShapes) {
    const index = unpaired.findIndex((candidate) => matches(row, candidate));
    if (index === -1) {
      missing.push(row);
      continue;
    }
    const [partner] = unpaired.splice(index, 1);
    pairedActual.push(partner!);
    pairedExpected.push(resolve(row, partner!));
  }
  assert.deepStrictEqual([...pairedActual, ...unpaired], [...pairedExpected, ...missing], 'rows (in any order)');
}
