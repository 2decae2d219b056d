/**
 * Where the HA driver finds the database: the one open now, which a store copy replaces
 * while the member runs (engine/server/database-holder.ts holds it for the server).
 */
import type { GraphDatabase } from '../../database.js';

export interface DatabaseSlot {
  /** The database open now; read it afresh each time, never keep it. */
  readonly current: GraphDatabase;
  /**
   * Closes the current database, lets `replaceStore` change its store directory, and opens
   * it again as the new current one, also when `replaceStore` fails (then it rethrows).
   */
  replace(replaceStore: () => Promise<void>): Promise<GraphDatabase>;
}
