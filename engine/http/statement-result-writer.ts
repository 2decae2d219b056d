/**
 * One entry of `results`: the columns, every record in the formats the statement asked
 * for (row and meta, graph) and, with includeStats, the statistics under the family's
 * keys. Written record by record into the response stream, while the transaction is
 * still open: whether an entity was deleted, and the endpoints of relationships that
 * the graph format lists, are read from it.
 */
import type { ApiFamily } from '../../protocol/http/transaction-path.js';
import type { StatementRequest } from '../../protocol/http/transaction-request.js';
import { statisticsKeys } from '../../protocol/http/transaction-response.js';
import type { QueryResult } from '../query/query-engine.js';
import { Node } from '../query/values.js';
import type { Transaction } from '../tx/transaction.js';
import { graphJson, type NodeLookup } from './graph-format.js';
import type { ResponseStream } from './response-stream.js';
import { metaJson, rowJson, type DeletionCheck } from './row-format.js';

export function writeStatementResult(out: ResponseStream, family: ApiFamily, statement: StatementRequest, result: QueryResult, transaction: Transaction): void {
  const withRow = statement.resultDataContents.includes('row');
  const withGraph = statement.resultDataContents.includes('graph');
  const deletion = withRow ? deletionCheck(transaction) : undefined;
  const lookup = withGraph ? nodeLookup(transaction) : undefined;
  out.write(`{"columns":${JSON.stringify(result.columns)},"data":[`);
  try {
    for (let i = 0; i < result.rows.length; i++) {
      const record = result.rows[i] ?? [];
      let text = i === 0 ? '{' : ',{';
      if (deletion !== undefined) text += `"row":${rowJson(record)},"meta":${metaJson(record, deletion)}`;
      if (lookup !== undefined) text += `${deletion === undefined ? '' : ','}"graph":${graphJson(record, lookup)}`;
      out.write(`${text}}`);
    }
  } catch (error) {
    // Part of this result may have left already: close it so that the body stays JSON.
    out.write(']}');
    throw error;
  }
  out.write(statement.includeStats ? `],"stats":${statisticsJson(family, result.statistics)}}` : ']}');
}

function statisticsJson(family: ApiFamily, statistics: QueryResult['statistics']): string {
  const fields: string[] = [];
  for (const key of statisticsKeys(family)) fields.push(`"${key}":${String(statistics[key])}`);
  return `{${fields.join(',')}}`;
}

function deletionCheck(transaction: Transaction): DeletionCheck {
  return {
    nodeDeleted: (id) => !transaction.nodeExists(id),
    relationshipDeleted: (id) => transaction.relationship(id) === null,
  };
}

function nodeLookup(transaction: Transaction): NodeLookup {
  return (id) => (transaction.nodeExists(id) ? new Node(id, transaction.nodeLabels(id), transaction.nodeProperties(id)) : undefined);
}
