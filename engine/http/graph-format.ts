/**
 * The "graph" result format of Neo4j's HTTP API: the nodes and relationships of one
 * record, each once, wherever they sit in it (columns, lists, map values, paths), and
 * the start and end nodes of every relationship, as Neo4j's GraphExtractionWriter
 * collects them:
 *
 *   {"nodes":[{"id":"8","labels":["Bike"],"properties":{"weight":10}}, ...],
 *    "relationships":[{"id":"0","type":"HAS","startNode":"8","endNode":"9","properties":{...}}, ...]}
 *
 * Ids are strings here (numbers in meta), as in Neo4j. Entities are listed by ascending
 * id, the order Neo4j's hash sets give small ids, so that answers are reproducible.
 */
import { Node, Path, Relationship, type MapValue, type Value } from '../query/values.js';
import { rowValueJson } from './row-format.js';

/** The node with this id as the transaction sees it, when the record names it only as an endpoint. */
export type NodeLookup = (id: number) => Node | undefined;

export function graphJson(record: readonly Value[], lookup: NodeLookup): string {
  const nodes = new Map<number, Node>();
  const relationships = new Map<number, Relationship>();
  for (const value of record) collect(value, nodes, relationships);
  for (const relationship of relationships.values()) {
    for (const id of [relationship.startNode, relationship.endNode]) {
      if (nodes.has(id)) continue;
      const node = lookup(id);
      if (node !== undefined) nodes.set(id, node);
    }
  }
  let text = '{"nodes":[';
  let first = true;
  for (const node of sortedById(nodes)) {
    if (!first) text += ',';
    first = false;
    text += `{"id":"${node.id}","labels":${JSON.stringify(node.labels)},"properties":${rowValueJson(node.properties)}}`;
  }
  text += '],"relationships":[';
  first = true;
  for (const relationship of sortedById(relationships)) {
    if (!first) text += ',';
    first = false;
    text +=
      `{"id":"${relationship.id}","type":${JSON.stringify(relationship.type)},` +
      `"startNode":"${relationship.startNode}","endNode":"${relationship.endNode}","properties":${rowValueJson(relationship.properties)}}`;
  }
  return `${text}]}`;
}

function collect(value: Value, nodes: Map<number, Node>, relationships: Map<number, Relationship>): void {
  if (typeof value !== 'object' || value === null) return;
  if (value instanceof Node) {
    nodes.set(value.id, value);
  } else if (value instanceof Relationship) {
    relationships.set(value.id, value);
  } else if (value instanceof Path) {
    for (const node of value.nodes) nodes.set(node.id, node);
    for (const relationship of value.relationships) relationships.set(relationship.id, relationship);
  } else if (Array.isArray(value)) {
    for (const element of value as readonly Value[]) collect(element, nodes, relationships);
  } else {
    const map = value as MapValue;
    for (const key in map) collect(map[key] as Value, nodes, relationships);
  }
}

function sortedById<T extends { readonly id: number }>(entities: Map<number, T>): T[] {
  return [...entities.values()].sort((a, b) => a.id - b.id);
}
