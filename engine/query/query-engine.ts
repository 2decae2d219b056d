/**
 * The query layer's front door: runs one Cypher statement in a transaction the caller
 * owns (the HTTP API, later Bolt) and returns its columns, rows and statistics.
 *
 *   text -> plan cache (parse, check, plan once per distinct text and schema)
 *        -> parameters checked -> operators run over rows -> values materialized
 *
 * Every failure is a Neo4jError. A failed statement may have written part of its changes
 * into the transaction: the caller rolls the transaction back, as Neo4j does.
 */
import type { Logger } from 'pino';
import { analyze, type StatementInfo } from '../../cypher/analysis.js';
import type { Statement } from '../../cypher/ast.js';
import { CypherError } from '../../cypher/cypher-error.js';
import { parse } from '../../cypher/parser.js';
import { Neo4jError } from '../../protocol/errors.js';
import type { GraphDatabase } from '../database.js';
import type { Transaction } from '../tx/transaction.js';
import { ExecutionContext } from './execution-context.js';
import { rowKey } from './expressions/equality.js';
import { materialize } from './materialize.js';
import { finishDeletes } from './operators/entity-writes.js';
import { rowsOf, runPipeline } from './operators/operator.js';
import { planStatement, type StatementPlan } from './planner/planner.js';
import { tooManyRows } from './query-errors.js';
import { StatisticsCounter, type QueryStatistics } from './query-statistics.js';
import { NodeRef, PathRef, RelRef, newMap, type RuntimeValue } from './runtime-values.js';
import { runSchemaCommand } from './schema/schema-commands.js';
import { isMapValue, Node, Path, Relationship, type Value } from './values.js';
import { PlanCache } from './plan-cache.js';

export type { QueryStatistics } from './query-statistics.js';

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Value[])[];
  readonly statistics: QueryStatistics;
}

export interface QueryEngineOptions {
  logger: Logger;
  /** dbms.logs.query.enabled / dbms.logs.query.threshold. */
  queryLog?: { enabled: boolean; thresholdMs: number };
  /** The most rows a result, and any list, sort or buffer of one statement, may hold. Default 1,000,000. */
  maxRows?: number;
}

const DEFAULT_MAX_ROWS = 1_000_000;
const PLAN_CACHE_SIZE = 1000;

interface CacheEntry {
  readonly statement: Statement;
  info: StatementInfo | undefined;
  plan: StatementPlan | undefined;
  /** The indexes the plan was made for, when the plan depends on them. */
  planSchema: string | undefined;
}

export class QueryEngine {
  readonly #logger: Logger;
  readonly #queryLog: { enabled: boolean; thresholdMs: number } | undefined;
  readonly #maxRows: number;
  readonly #cache = new PlanCache<CacheEntry>(PLAN_CACHE_SIZE);

  /** Statements run in transactions of `database`, which the caller passes to run(). */
  constructor(database: GraphDatabase, options: QueryEngineOptions) {
    this.#logger = options.logger.child({ component: 'query', storeId: database.storeId });
    this.#queryLog = options.queryLog;
    this.#maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  }

  /** Parses (cached) and analyzes a statement: for access-mode checks and routing before running. Throws Neo4jError. */
  info(statement: string): StatementInfo {
    const entry = this.#entry(statement);
    entry.info ??= analyze(entry.statement);
    return entry.info;
  }

  /** Runs one statement in an open transaction owned by the caller. Throws Neo4jError. */
  async run(tx: Transaction, statement: string, parameters: Readonly<Record<string, Value>>): Promise<QueryResult> {
    const started = performance.now();
    try {
      const result = await this.#run(tx, statement, parameters);
      this.#log(started, statement, parameters, result.rows.length, undefined);
      return result;
    } catch (error) {
      const failure = asNeo4jError(error);
      this.#log(started, statement, parameters, 0, failure);
      throw failure;
    }
  }

  async #run(tx: Transaction, text: string, parameters: Readonly<Record<string, Value>>): Promise<QueryResult> {
    const plan = this.#plan(this.#entry(text), tx);
    const missing = [...plan.parameters].filter((name) => !Object.hasOwn(parameters, name));
    if (missing.length > 0) {
      throw new Neo4jError('Neo.ClientError.Statement.ParameterMissing', `Expected parameter(s): ${missing.join(', ')}`);
    }
    const statistics = new StatisticsCounter();
    const context = new ExecutionContext(tx, runtimeParameters(parameters), statistics, this.#maxRows);
    if (plan.kind === 'schema') {
      const result = await runSchemaCommand(plan.statement, tx, statistics);
      return { columns: result.columns, rows: result.rows.map((row) => row.map((value) => materialize(value, tx))), statistics: statistics.toStatistics() };
    }
    const rows = await this.#execute(plan, context);
    await finishDeletes(context);
    return { columns: plan.columns, rows, statistics: statistics.toStatistics() };
  }

  async #execute(plan: Extract<StatementPlan, { kind: 'query' }>, context: ExecutionContext): Promise<Value[][]> {
    const rows: Value[][] = [];
    const seen = plan.distinct ? new Set<string>() : undefined;
    for (const part of plan.parts) {
      const slots = part.columns.map((column) => column.slot);
      const pipeline = runPipeline(part.operators, rowsOf([new Array(part.slots)]), context);
      for await (const batch of pipeline) {
        if (slots.length > 0) {
          for (const row of batch) {
            if (seen !== undefined) {
              const key = rowKey(slots.map((slot) => row[slot]));
              if (seen.has(key)) continue;
              seen.add(key);
            }
            rows.push(slots.map((slot) => materialize(row[slot], context.tx)));
          }
          if (rows.length > context.maxRows) throw tooManyRows('result rows', context.maxRows);
        }
        await context.pace(batch.length);
      }
    }
    return rows;
  }

  #entry(text: string): CacheEntry {
    let entry = this.#cache.get(text);
    if (entry === undefined) {
      let statement: Statement;
      try {
        statement = parse(text);
      } catch (error) {
        if (error instanceof CypherError) throw new Neo4jError(error.code, error.message, { cause: error });
        throw error;
      }
      entry = { statement, info: undefined, plan: undefined, planSchema: undefined };
      this.#cache.set(text, entry);
    }
    return entry;
  }

  /** The cached plan, or a new one when there is none or the indexes it was planned with changed. */
  #plan(entry: CacheEntry, tx: Transaction): StatementPlan {
    if (entry.plan !== undefined && (entry.planSchema === undefined || entry.planSchema === schemaKey(tx))) return entry.plan;
    let asked = false;
    let indexed: Set<string> | undefined;
    const plan = planStatement(entry.statement, (label, key) => {
      asked = true;
      indexed ??= new Set(tx.schemaRules().map((rule) => `${rule.label}\u0000${rule.property}`));
      return indexed.has(`${label}\u0000${key}`);
    });
    entry.plan = plan;
    entry.planSchema = asked ? schemaKey(tx) : undefined;
    return plan;
  }

  #log(started: number, statement: string, parameters: Readonly<Record<string, Value>>, rows: number, failure: Neo4jError | undefined): void {
    const log = this.#queryLog;
    if (log === undefined || !log.enabled) return;
    const durationMs = performance.now() - started;
    if (durationMs < log.thresholdMs) return;
    this.#logger.info(
      { event: 'query', durationMs: Math.round(durationMs * 1000) / 1000, statement, parameters: Object.keys(parameters), rows, ...(failure === undefined ? {} : { error: failure.code }) },
      `query took ${durationMs.toFixed(1)} ms`,
    );
  }
}

function schemaKey(tx: Transaction): string {
  let key = '';
  for (const rule of tx.schemaRules()) key += `${rule.id},`;
  return key;
}

/** Parameters as runtime values: entities (from a Bolt client, say) become references. */
function runtimeParameters(parameters: Readonly<Record<string, Value>>): Readonly<Record<string, RuntimeValue>> {
  let converted: Record<string, RuntimeValue> | undefined;
  for (const name of Object.keys(parameters)) {
    const value = parameters[name]!;
    if (value === null || typeof value !== 'object') continue;
    converted ??= { ...(parameters as Record<string, RuntimeValue>) };
    converted[name] = runtimeValue(value);
  }
  return converted ?? (parameters as Readonly<Record<string, RuntimeValue>>);
}

function runtimeValue(value: Value): RuntimeValue {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Node) return new NodeRef(value.id);
  if (value instanceof Relationship) return new RelRef(value.id, value.type, value.startNode, value.endNode);
  if (value instanceof Path) return new PathRef(value.nodes.map((node) => new NodeRef(node.id)), value.relationships.map((relationship) => new RelRef(relationship.id, relationship.type, relationship.startNode, relationship.endNode)));
  if (Array.isArray(value)) return (value as readonly Value[]).map(runtimeValue);
  if (!isMapValue(value)) return null;
  const map = newMap();
  for (const key of Object.keys(value)) map[key] = runtimeValue(value[key]!);
  return map;
}

function asNeo4jError(error: unknown): Neo4jError {
  if (error instanceof Neo4jError) return error;
  if (error instanceof CypherError) return new Neo4jError(error.code, error.message, { cause: error });
  if (error instanceof RangeError && /Invalid (array|string) length|Maximum call stack/.test(error.message)) {
    return new Neo4jError(
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      `The statement needed more memory or nesting than one statement may use (${error.message}); return fewer or smaller values.`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Neo4jError('Neo.DatabaseError.General.UnknownError', `The statement failed unexpectedly: ${message}`, { cause: error });
}
