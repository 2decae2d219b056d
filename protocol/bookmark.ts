/**
 * Bookmarks: tokens naming a committed transaction, so that a later transaction can wait
 * until the instance serving it has applied at least that much (read your own writes
 * across a cluster). graphlb writes Neo4j 3.5's format and reads 3.5's and 4.x's:
 *
 *   3.5 (written and read)   neo4j:bookmark:v1:tx<txId>       neo4j:bookmark:v1:tx42
 *   4.x (read)               <database id>:<txId>             0a1b2c3d-...-9f:42
 *
 * graphlb serves one database per instance, so the database id of a 4.x bookmark is not
 * checked. Clients treat bookmarks as opaque; only the instance and the proxy read them.
 */
import { Neo4jError } from './errors.js';

const v1Prefix = 'neo4j:bookmark:v1:tx';
const v1Pattern = /^neo4j:bookmark:v1:tx(\d{1,19})$/;
const withDatabasePattern = /^[A-Za-z0-9._-]+:(\d{1,19})$/;

export function formatBookmark(txId: number): string {
  return `${v1Prefix}${txId}`;
}

/** The transaction id a bookmark names; Neo.ClientError.Transaction.InvalidBookmark when it names none. */
export function parseBookmark(bookmark: string): number {
  const match = v1Pattern.exec(bookmark) ?? withDatabasePattern.exec(bookmark);
  const txId = match === null ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(txId)) {
    throw new Neo4jError(
      'Neo.ClientError.Transaction.InvalidBookmark',
      `Supplied bookmark '${bookmark.length > 100 ? `${bookmark.slice(0, 100)}...` : bookmark}' cannot be interpreted: ` +
        `expected ${v1Prefix}<transaction id> (Neo4j 3.5) or <database id>:<transaction id> (Neo4j 4.x), ` +
        'as returned in lastBookmarks; send the bookmark exactly as it was returned',
    );
  }
  return txId;
}

/** The highest transaction id among `bookmarks` (every one is checked), 0 when there are none. */
export function latestBookmarkedTxId(bookmarks: readonly string[]): number {
  let latest = 0;
  for (const bookmark of bookmarks) latest = Math.max(latest, parseBookmark(bookmark));
  return latest;
}
