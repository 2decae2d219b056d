/**
 * The procedures Neo4j clients and tools call to find out what they talk to and what the
 * graph holds: dbms.components(), db.labels(), db.relationshipTypes(), db.propertyKeys(),
 * db.indexes() (Neo4j 4.x's columns).
 */
import { DB_INDEXES_COLUMNS, indexRows } from '../schema/schema-listing.js';
import type { Procedure } from './procedure.js';

/** The Neo4j version graphlb answers as: the 4.4 HTTP API and Cypher it implements. */
export const KERNEL_VERSION = '4.4.0';

const procedures: readonly Procedure[] = [
  {
    name: 'dbms.components',
    minArgs: 0,
    maxArgs: 0,
    outputs: ['name', 'versions', 'edition'],
    invoke: () => [['Neo4j Kernel', [KERNEL_VERSION], 'enterprise']],
  },
  {
    name: 'db.labels',
    minArgs: 0,
    maxArgs: 0,
    outputs: ['label'],
    invoke: (_args, context) => context.tx.tokenNames('label').map((name) => [name]),
  },
  {
    name: 'db.relationshipTypes',
    minArgs: 0,
    maxArgs: 0,
    outputs: ['relationshipType'],
    invoke: (_args, context) => context.tx.tokenNames('relationshipType').map((name) => [name]),
  },
  {
    name: 'db.propertyKeys',
    minArgs: 0,
    maxArgs: 0,
    outputs: ['propertyKey'],
    invoke: (_args, context) => context.tx.tokenNames('propertyKey').map((name) => [name]),
  },
  {
    name: 'db.indexes',
    minArgs: 0,
    maxArgs: 0,
    outputs: DB_INDEXES_COLUMNS,
    invoke: (_args, context) => indexRows(context.tx),
  },
];

const byName = new Map(procedures.map((procedure) => [procedure.name, procedure]));

export function findProcedure(name: string): Procedure | undefined {
  return byName.get(name);
}
