import { Neo4jError } from '../../../protocol/errors.js';
import type { Evaluator } from '../expressions/evaluator.js';
import type { ExecutionContext } from '../execution-context.js';
import { typeMismatch } from '../query-errors.js';
import { NodeRef, type Row } from '../runtime-values.js';
import { createNode, createRelationship, propertyMap } from './entity-writes.js';
import { buildPath } from './match-steps.js';
import type { Operator, RowBatch } from './operator.js';

export interface NodeToCreate {
  readonly slot: number;
  /** false: the variable is bound already (earlier clause or earlier in this pattern); it is used, not created. */
  readonly create: boolean;
  readonly name: string;
  readonly labels: readonly string[];
  readonly properties: Evaluator | undefined;
}

export interface RelationshipToCreate {
  readonly slot: number;
  readonly name: string;
  readonly type: string;
  /** The pattern points right to left (`<-[:T]-`): the right node is the start node. */
  readonly reversed: boolean;
  readonly properties: Evaluator | undefined;
}

/** One pattern part to create: relationships[i] joins nodes[i] and nodes[i + 1]. */
export interface PartToCreate {
  readonly nodes: readonly NodeToCreate[];
  readonly relationships: readonly RelationshipToCreate[];
  readonly path: number | undefined;
}

function existingNode(row: Row, node: NodeToCreate, relationship: RelationshipToCreate | undefined): NodeRef {
  const value = row[node.slot] ?? null;
  if (value instanceof NodeRef) return value;
  if (value === null) {
    throw new Neo4jError(
      'Neo.ClientError.Statement.SemanticError',
      `Failed to create relationship \`${relationship?.name ?? ''}\`, node \`${node.name}\` is missing. ` +
        'The node variable is null (an OPTIONAL MATCH that found nothing?): filter such rows out before CREATE or MERGE.',
    );
  }
  throw typeMismatch('Node', value);
}

/** Creates a part's new nodes and relationships in order; returns the row with them bound. */
export async function createPart(row: Row, part: PartToCreate, context: ExecutionContext): Promise<Row> {
  const next = row.slice();
  for (const node of part.nodes) {
    if (!node.create) continue;
    const properties = node.properties === undefined ? {} : propertyMap(node.properties(next, context));
    next[node.slot] = await createNode(node.labels, properties, context);
  }
  for (let i = 0; i < part.relationships.length; i++) {
    const relationship = part.relationships[i]!;
    const left = existingNode(next, part.nodes[i]!, relationship);
    const right = existingNode(next, part.nodes[i + 1]!, relationship);
    const properties = relationship.properties === undefined ? {} : propertyMap(relationship.properties(next, context));
    next[relationship.slot] = relationship.reversed
      ? await createRelationship(right, left, relationship.type, properties, context)
      : await createRelationship(left, right, relationship.type, properties, context);
  }
  if (part.path !== undefined) {
    next[part.path] = buildPath(
      next,
      part.nodes.map((node) => node.slot),
      part.relationships.map((relationship) => ({ slot: relationship.slot, varLength: false })),
    );
  }
  return next;
}

/** CREATE: the pattern once per row. */
export class CreateOperator implements Operator {
  readonly #parts: readonly PartToCreate[];

  constructor(parts: readonly PartToCreate[]) {
    this.#parts = parts;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    for await (const batch of input) {
      const out: RowBatch = new Array(batch.length);
      for (let r = 0; r < batch.length; r++) {
        let row = batch[r]!;
        for (const part of this.#parts) row = await createPart(row, part, context);
        out[r] = row;
      }
      yield out;
    }
  }
}
