/** Functions over nodes, relationships and paths: id, labels, type, keys, properties, startNode, ... */
import type { ExecutionContext } from '../execution-context.js';
import { propertiesOf } from '../expressions/entity-access.js';
import { entityNotFound, typeMismatch } from '../query-errors.js';
import { NodeRef, PathRef, RelRef, type RuntimeValue } from '../runtime-values.js';
import type { ScalarFunction } from './scalar-function.js';

function entityId(value: RuntimeValue): number | null {
  if (value === null) return null;
  if (value instanceof NodeRef || value instanceof RelRef) return value.id;
  throw typeMismatch('Node or Relationship', value);
}

function relationship(value: RuntimeValue): RelRef | null {
  if (value === null) return null;
  if (value instanceof RelRef) return value;
  throw typeMismatch('Relationship', value);
}

function path(value: RuntimeValue): PathRef | null {
  if (value === null) return null;
  if (value instanceof PathRef) return value;
  throw typeMismatch('Path', value);
}

function labels(value: RuntimeValue, context: ExecutionContext): RuntimeValue {
  if (value === null) return null;
  if (!(value instanceof NodeRef)) throw typeMismatch('Node', value);
  if (!context.tx.nodeExists(value.id)) throw entityNotFound('Node', value.id);
  return context.tx.nodeLabels(value.id);
}

export const entityFunctions: readonly ScalarFunction[] = [
  {
    name: 'id',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      const id = entityId(value!);
      return id === null ? null : BigInt(id);
    },
  },
  {
    name: 'elementId',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      const id = entityId(value!);
      return id === null ? null : String(id);
    },
  },
  { name: 'labels', minArgs: 1, maxArgs: 1, call: ([value], context) => labels(value!, context) },
  { name: 'type', minArgs: 1, maxArgs: 1, call: ([value]) => relationship(value!)?.type ?? null },
  {
    name: 'keys',
    minArgs: 1,
    maxArgs: 1,
    call: ([value], context) => {
      const map = propertiesOf(value!, context, 'keys()');
      return map === null ? null : Object.keys(map);
    },
  },
  { name: 'properties', minArgs: 1, maxArgs: 1, call: ([value], context) => propertiesOf(value!, context, 'properties()') },
  {
    name: 'startNode',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      const found = relationship(value!);
      return found === null ? null : new NodeRef(found.startNode);
    },
  },
  {
    name: 'endNode',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      const found = relationship(value!);
      return found === null ? null : new NodeRef(found.endNode);
    },
  },
  { name: 'nodes', minArgs: 1, maxArgs: 1, call: ([value]) => path(value!)?.nodes ?? null },
  { name: 'relationships', minArgs: 1, maxArgs: 1, call: ([value]) => path(value!)?.relationships ?? null },
  {
    name: 'length',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      if (value === null) return null;
      // Neo4j 3.x and 4.x also accept strings and lists here (deprecated in favour of size()).
      if (typeof value === 'string' || Array.isArray(value)) return BigInt(value.length);
      if (value instanceof PathRef) return BigInt(value.relationships.length);
      throw typeMismatch('Path', value!);
    },
  },
  // exists(n.prop): the argument is evaluated as usual; a missing property reads as null.
  { name: 'exists', minArgs: 1, maxArgs: 1, call: ([value]) => value !== null },
];
