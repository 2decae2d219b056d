import { createAggregator, type Aggregator } from '../aggregation/aggregators.js';
import { rowKey } from '../expressions/equality.js';
import type { AggregateSpec } from '../expressions/compile-expression.js';
import type { ExecutionContext } from '../execution-context.js';
import type { Row, RuntimeValue } from '../runtime-values.js';
import { BATCH_SIZE, type Operator, type RowBatch } from './operator.js';
import type { ProjectedItem } from './projection.js';

interface Group {
  /** The first row of the group: aggregating items may read grouping variables from it. */
  readonly row: Row;
  readonly keys: readonly RuntimeValue[];
  readonly aggregators: readonly Aggregator[];
}

/**
 * WITH / RETURN with aggregation. The non-aggregating items are the grouping keys; each
 * aggregating call accumulates per group into its slot; then the aggregating items are
 * evaluated over those slots. Without grouping keys, empty input still gives one row
 * (count(*) = 0, collect() = []), as Cypher requires.
 */
export class AggregationOperator implements Operator {
  readonly #keys: readonly ProjectedItem[];
  readonly #aggregates: readonly AggregateSpec[];
  readonly #results: readonly ProjectedItem[];

  constructor(keys: readonly ProjectedItem[], aggregates: readonly AggregateSpec[], results: readonly ProjectedItem[]) {
    this.#keys = keys;
    this.#aggregates = aggregates;
    this.#results = results;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    const groups = new Map<string, Group>();
    const keyItems = this.#keys;
    const aggregates = this.#aggregates;
    const newGroup = (row: Row, keys: RuntimeValue[]): Group => ({
      row,
      keys,
      aggregators: aggregates.map((spec) => createAggregator(spec.name, spec.distinct, context)),
    });
    for await (const batch of input) {
      for (const row of batch) {
        const keys = keyItems.map((item) => item.value(row, context));
        const groupKey = rowKey(keys);
        let group = groups.get(groupKey);
        if (group === undefined) {
          group = newGroup(row, keys);
          groups.set(groupKey, group);
          context.checkSize(groups.size, 'groups in an aggregation');
        }
        for (let i = 0; i < aggregates.length; i++) {
          const argument = aggregates[i]!.argument;
          group.aggregators[i]!.add(argument === undefined ? null : argument(row, context));
        }
      }
    }
    if (groups.size === 0 && keyItems.length === 0) groups.set('', newGroup([], []));
    let out: RowBatch = [];
    for (const group of groups.values()) {
      const row = group.row.slice();
      for (let i = 0; i < aggregates.length; i++) row[aggregates[i]!.slot] = group.aggregators[i]!.result();
      for (let i = 0; i < keyItems.length; i++) row[keyItems[i]!.slot] = group.keys[i];
      for (const item of this.#results) row[item.slot] = item.value(row, context);
      out.push(row);
      if (out.length >= BATCH_SIZE) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  }
}
