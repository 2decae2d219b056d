/**
 * The body of an answer from the transactional endpoints, as Neo4j writes it in each API
 * family (transaction-path.ts). The two families carry the same fields; they differ in
 * the order of the top-level keys, the form of the expiry date and two statistics:
 *
 *   v3  {"commit":..., "results":[...], "transaction":{"expires":"Mon, 27 Sep 2021 08:28:00 +0000"}, "errors":[...]}
 *   v4  {"results":[...], "errors":[...], "commit":..., "transaction":{"expires":"Mon, 20 Sep 2021 07:57:37 GMT"}}
 *
 *   results[i]   {"columns":[...], "data":[{"row":[...], "meta":[...], "graph":{"nodes":[...],"relationships":[...]}}],
 *                 "stats":{...}}      (row+meta, graph and stats as the statement asked)
 *   commit       the URL that commits the open transaction (when there is one to commit)
 *   transaction  present while the transaction stays open; absent once it is committed or rolled back
 *   lastBookmarks ["neo4j:bookmark:v1:tx42"] after a successful commit (last key, both families)
 *
 * The result keys and the errors come first or last so that a server can stream the
 * results as statements run and write what depends on their outcome at the end.
 */
import type { ApiFamily } from './transaction-path.js';
import type { JsonValue } from './json-value.js';
import { writeJson } from './json-write.js';

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
}

export interface EntityMeta {
  readonly id: number;
  readonly type: 'node' | 'relationship';
  readonly deleted: boolean;
}

export interface GraphNodeBody {
  readonly id: string;
  readonly labels: readonly string[];
  readonly properties: Readonly<Record<string, JsonValue>>;
}

export interface GraphRelationshipBody {
  readonly id: string;
  readonly type: string;
  readonly startNode: string;
  readonly endNode: string;
  readonly properties: Readonly<Record<string, JsonValue>>;
}

export interface ResultDataBody {
  readonly row?: readonly JsonValue[];
  /** Per column: an entity's meta, null for a value that is no entity; lists and maps flattened, paths as arrays (Neo4j's rule). */
  readonly meta?: readonly (EntityMeta | null | readonly (EntityMeta | null)[])[];
  readonly graph?: { readonly nodes: readonly GraphNodeBody[]; readonly relationships: readonly GraphRelationshipBody[] };
}

export interface StatementResultBody {
  readonly columns: readonly string[];
  readonly data: readonly ResultDataBody[];
  readonly stats?: Readonly<Record<string, number | boolean>>;
}

export interface TransactionResponseBody {
  readonly results: readonly StatementResultBody[];
  readonly errors: readonly ErrorBody[];
  readonly commit?: string;
  readonly transaction?: { readonly expires: string };
  readonly lastBookmarks?: readonly string[];
}

const v3StatisticsKeys = [
  'contains_updates',
  'nodes_created',
  'nodes_deleted',
  'properties_set',
  'relationships_created',
  'relationship_deleted',
  'labels_added',
  'labels_removed',
  'indexes_added',
  'indexes_removed',
  'constraints_added',
  'constraints_removed',
] as const;

const v4StatisticsKeys = [...v3StatisticsKeys, 'contains_system_updates', 'system_updates'] as const;

export type StatisticsKey = (typeof v4StatisticsKeys)[number];

/** The `stats` keys a family reports, in Neo4j's order (v4 adds the two system_* keys of Neo4j 4). */
export function statisticsKeys(family: ApiFamily): readonly StatisticsKey[] {
  return family === 'v3' ? v3StatisticsKeys : v4StatisticsKeys;
}

/** `{"commit":"<url>","results":[` (v3) or `{"results":[` (v4): everything before the first result. */
export function responseHead(family: ApiFamily, commit: string | undefined): string {
  return family === 'v3' && commit !== undefined ? `{"commit":${JSON.stringify(commit)},"results":[` : '{"results":[';
}

export interface ResponseTail {
  /** Written at the end by v4 only; v3 wrote it in the head. */
  readonly commit?: string | undefined;
  /** Epoch milliseconds; present while the transaction stays open. */
  readonly expires?: number | undefined;
  readonly errors: readonly ErrorBody[];
  readonly lastBookmarks?: readonly string[] | undefined;
}

/** Everything after the last result, starting with the `]` that closes `results`. */
export function responseTail(family: ApiFamily, tail: ResponseTail): string {
  const transaction = tail.expires === undefined ? '' : `,"transaction":{"expires":${JSON.stringify(formatExpires(family, tail.expires))}}`;
  const errors = `,"errors":${writeErrors(tail.errors)}`;
  const bookmarks = tail.lastBookmarks === undefined ? '' : `,"lastBookmarks":${writeJson(tail.lastBookmarks)}`;
  if (family === 'v3') return `]${transaction}${errors}${bookmarks}}`;
  const commit = tail.commit === undefined ? '' : `,"commit":${JSON.stringify(tail.commit)}`;
  return `]${errors}${commit}${transaction}${bookmarks}}`;
}

/** A whole body without results: `{"results":[],"errors":[...]}`, as for an unknown transaction. */
export function errorsOnlyBody(errors: readonly ErrorBody[]): string {
  return `{"results":[],"errors":${writeErrors(errors)}}`;
}

function writeErrors(errors: readonly ErrorBody[]): string {
  return writeJson(errors.map((error) => ({ code: error.code, message: error.message })));
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The `transaction.expires` date, RFC 1123 in UTC as each Neo4j version printed it:
 * v3 `Mon, 07 Sep 2021 08:28:00 +0000`, v4 `Mon, 7 Sep 2021 08:28:00 GMT`.
 */
export function formatExpires(family: ApiFamily, epochMs: number): string {
  const date = new Date(epochMs);
  const day = date.getUTCDate();
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  const head = `${days[date.getUTCDay()]}, ${family === 'v3' ? String(day).padStart(2, '0') : day} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${time}`;
  return family === 'v3' ? `${head} +0000` : `${head} GMT`;
}
