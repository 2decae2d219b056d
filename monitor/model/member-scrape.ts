/**
 * What the monitor's scraper hands the cluster model about one member in one round. The
 * scraper decodes each flavor's answers (design.md section 6: /metrics, the High
 * Availability bean, the HA endpoints); the model only reads these fields.
 */
import type { MemberReading } from '../../protocol/cluster/member-reading.js';
import type { HighAvailabilityInfo } from '../../protocol/ha/high-availability-bean.js';

export interface MemberScrape {
  /** The member's configured name. */
  readonly instance: string;
  /** When the scrape finished, epoch ms. */
  readonly at: number;
  /** False when the member did not answer or answered garbage; `error` says which. */
  readonly ok: boolean;
  readonly error?: string;
  /** Role, last committed tx id and epoch, from the flavor's endpoints. */
  readonly reading?: MemberReading;
  /** The member's view of the cluster (flavor `ha`: graphlb and Neo4j 3.x HA). */
  readonly bean?: HighAvailabilityInfo;
  /** Selected samples of the member's /metrics, by metric name (labels dropped). */
  readonly metrics?: ReadonlyMap<string, number>;
}

/** The /metrics sample the model falls back to for a member's last committed tx id. */
export const lastCommittedTxIdMetric = 'neo4j_transaction_last_committed_tx_id';
