/**
 * `dbms.tx_log.rotation.retention_policy` as written in neo4j.conf, read into
 * engine/txlog/retention-policy.ts's {@link RetentionPolicy}.
 *
 *   true | keep_all          false | keep_none
 *   <count> files            "10 files"
 *   <size> size              "100M size"    (a size, see size.ts)
 *   <count> txs              "200k txs"     (a count, see count.ts)
 *   <n> hours | <n> days     "7 days", "1 hours"
 *
 * Amounts are at least 1: a policy that keeps nothing is spelled keep_none.
 */
import type { RetentionPolicy } from '../txlog/retention-policy.js';
import { parseCount } from './count.js';
import { parseSize } from './size.js';

const thresholdPattern = /^(\S+)\s+([a-z]+)$/;

/** The policy, or undefined when `text` is none of the forms above. */
export function parseRetentionPolicy(text: string): RetentionPolicy | undefined {
  switch (text) {
    case 'true':
    case 'keep_all':
      return { kind: 'all' };
    case 'false':
    case 'keep_none':
      return { kind: 'none' };
  }
  const match = thresholdPattern.exec(text);
  if (match === null) return undefined;
  const amount = match[1] ?? '';
  const positive = (n: number | undefined): number | undefined => (n !== undefined && n >= 1 ? n : undefined);
  switch (match[2]) {
    case 'files':
    case 'file': {
      const count = positive(parseCount(amount));
      return count === undefined ? undefined : { kind: 'files', count };
    }
    case 'size': {
      const bytes = positive(parseSize(amount));
      return bytes === undefined ? undefined : { kind: 'size', bytes };
    }
    case 'txs':
    case 'tx': {
      const count = positive(parseCount(amount));
      return count === undefined ? undefined : { kind: 'txs', count };
    }
    case 'hours':
    case 'hour':
    case 'days':
    case 'day': {
      const n = /^\d+$/.test(amount) ? positive(Number(amount)) : undefined;
      if (n === undefined) return undefined;
      const milliseconds = n * (match[2].startsWith('hour') ? 3_600_000 : 86_400_000);
      return Number.isSafeInteger(milliseconds) ? { kind: 'age', milliseconds } : undefined;
    }
    default:
      return undefined;
  }
}
