/**
 * The "row" result format of Neo4j's HTTP API: each record as JSON text, plus the `meta`
 * that says which values were entities.
 *
 *   value          row                                   meta (per column)
 *   node           its property map  {"name":"Ann"}      {"id":7,"type":"node","deleted":false}
 *   relationship   its property map                      {"id":3,"type":"relationship","deleted":false}
 *   path           [node props, rel props, node props]   [ meta, meta, meta ]  (one array)
 *   list, map      elements / values rendered in turn    the elements' metas, flattened into the
 *                                                        column list without brackets
 *   anything else  the value (json-write.ts rules)       null
 *
 * The flattening of lists and maps is Neo4j's own rule (its RowWriter): `RETURN [n, m]`
 * yields two metas for one column and `RETURN []` none. Clients that use meta look
 * entities up by id, so graphlb keeps the rule rather than fixing it.
 */
import { writeJsonScalar } from '../../protocol/http/json-write.js';
import { Node, Path, Relationship, type MapValue, type Value } from '../query/values.js';

/** Whether the entity was deleted by the transaction that returned it. */
export interface DeletionCheck {
  nodeDeleted(id: number): boolean;
  relationshipDeleted(id: number): boolean;
}

/** One value as row JSON. */
export function rowValueJson(value: Value): string {
  const scalar = writeJsonScalar(value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) return listJson(value as readonly Value[]);
  if (value instanceof Node || value instanceof Relationship) return mapJson(value.properties);
  if (value instanceof Path) return pathJson(value);
  return mapJson(value as MapValue);
}

/** `[v1,v2,...]` for the values of one record. */
export function rowJson(record: readonly Value[]): string {
  return listJson(record);
}

/** `[m1,m2,...]`: the meta of one record. */
export function metaJson(record: readonly Value[], deletion: DeletionCheck): string {
  const parts: string[] = [];
  for (const value of record) collectMeta(value, deletion, parts);
  return `[${parts.join(',')}]`;
}

function listJson(values: readonly Value[]): string {
  let text = '[';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    text += rowValueJson(values[i] as Value);
  }
  return `${text}]`;
}

function mapJson(map: MapValue): string {
  let text = '{';
  let first = true;
  for (const key in map) {
    if (!first) text += ',';
    first = false;
    text += `${JSON.stringify(key)}:${rowValueJson(map[key] as Value)}`;
  }
  return `${text}}`;
}

function pathJson(path: Path): string {
  let text = `[${mapJson((path.nodes[0] as Node).properties)}`;
  for (let i = 0; i < path.relationships.length; i++) {
    text += `,${mapJson((path.relationships[i] as Relationship).properties)},${mapJson((path.nodes[i + 1] as Node).properties)}`;
  }
  return `${text}]`;
}

function collectMeta(value: Value, deletion: DeletionCheck, parts: string[]): void {
  if (typeof value !== 'object' || value === null) {
    parts.push('null');
  } else if (value instanceof Node) {
    parts.push(entityMeta(value.id, 'node', deletion.nodeDeleted(value.id)));
  } else if (value instanceof Relationship) {
    parts.push(entityMeta(value.id, 'relationship', deletion.relationshipDeleted(value.id)));
  } else if (value instanceof Path) {
    const inner: string[] = [];
    for (let i = 0; i < value.nodes.length; i++) {
      if (i > 0) collectMeta(value.relationships[i - 1] as Relationship, deletion, inner);
      collectMeta(value.nodes[i] as Node, deletion, inner);
    }
    parts.push(`[${inner.join(',')}]`);
  } else if (Array.isArray(value)) {
    for (const element of value as readonly Value[]) collectMeta(element, deletion, parts);
  } else {
    const map = value as MapValue;
    for (const key in map) collectMeta(map[key] as Value, deletion, parts);
  }
}

function entityMeta(id: number, type: 'node' | 'relationship', deleted: boolean): string {
  return `{"id":${id},"type":"${type}","deleted":${deleted}}`;
}
