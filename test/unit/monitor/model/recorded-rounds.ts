/**
 * Scrape rounds for the cluster model's tests, built from readings recorded from a real
 * 3-member graphlb cluster (test/fixtures/monitor/readings.json, written by
 * test/fixtures/monitor/record.ts): the bean bodies and /available answers are decoded the
 * way the monitor's scraper will decode them, then altered per scenario.
 */
import fs from 'node:fs';
import { decodeHaBean, type ClusterMemberInfo, type HighAvailabilityInfo } from '../../../../protocol/ha/high-availability-bean.js';
import { haRoleFromAnswer } from '../../../../protocol/ha/status-endpoints.js';
import type { MemberRole } from '../../../../protocol/cluster/member-reading.js';
import type { MemberScrape } from '../../../../monitor/model/member-scrape.js';

interface RecordedReading {
  readonly instance: string;
  readonly at: number;
  readonly available: { readonly status: number; readonly body: string };
  readonly bean: unknown;
  readonly lastCommittedTxIdMetric: number | undefined;
}

interface Recording {
  readonly killed: string;
  readonly steady: RecordedReading[];
  readonly electing: RecordedReading[] | undefined;
  readonly reelected: RecordedReading[];
}

const recording = JSON.parse(fs.readFileSync(new URL('../../../fixtures/monitor/readings.json', import.meta.url), 'utf8')) as Recording;

export const members: readonly string[] = ['member-1', 'member-2', 'member-3'];

function scrapeOf(reading: RecordedReading): MemberScrape {
  const bean = decodeHaBean(reading.bean);
  const role = haRoleFromAnswer('available', reading.available.status, reading.available.body);
  if (role === undefined) throw new Error(`recorded /available answer of ${reading.instance} is not Neo4j's: ${JSON.stringify(reading.available)}`);
  const metrics = new Map<string, number>();
  if (reading.lastCommittedTxIdMetric !== undefined) metrics.set('neo4j_transaction_last_committed_tx_id', reading.lastCommittedTxIdMetric);
  return {
    instance: reading.instance,
    at: reading.at,
    ok: true,
    reading: { role, lastCommittedTxId: bean.lastCommittedTxId, epoch: bean.epoch },
    bean,
    metrics,
  };
}

/** The recorded phases as rounds (electing: the survivors before a new master; the killed master is absent from it and from reelected). */
export const recorded = {
  killed: recording.killed,
  steady: recording.steady.map(scrapeOf),
  electing: (recording.electing ?? []).map(scrapeOf),
  reelected: recording.reelected.map(scrapeOf),
};

/** A failed scrape, as the scraper reports an unreachable member. */
export function down(instance: string, error = 'connect ECONNREFUSED 127.0.0.1:7474'): MemberScrape {
  return { instance, at: 0, ok: false, error };
}

/** `scrape` with its role (reading and bean) replaced. */
export function withRole(scrape: MemberScrape, role: MemberRole): MemberScrape {
  return { ...scrape, reading: { ...scrape.reading!, role }, bean: scrape.bean === undefined ? undefined : { ...scrape.bean, role: role === 'unknown' ? 'UNKNOWN' : role } };
}

/** `scrape` with its last committed tx id (reading, bean and metric) replaced. */
export function withTxId(scrape: MemberScrape, txId: number): MemberScrape {
  return {
    ...scrape,
    reading: { ...scrape.reading!, lastCommittedTxId: txId },
    bean: scrape.bean === undefined ? undefined : { ...scrape.bean, lastCommittedTxId: txId },
    metrics: new Map([['neo4j_transaction_last_committed_tx_id', txId]]),
  };
}

/** `scrape` with its epoch (reading and bean) replaced. */
export function withEpoch(scrape: MemberScrape, epoch: number): MemberScrape {
  return { ...scrape, reading: { ...scrape.reading!, epoch }, bean: scrape.bean === undefined ? undefined : { ...scrape.bean, epoch } };
}

/** `scrape` with its bean's entry for HA server `instanceId` changed. */
export function withPeer(scrape: MemberScrape, instanceId: string, change: Partial<ClusterMemberInfo>): MemberScrape {
  const bean: HighAvailabilityInfo = scrape.bean!;
  if (!bean.instancesInCluster.some((info) => info.instanceId === instanceId)) throw new Error(`${scrape.instance}'s bean lists no server ${instanceId}`);
  return {
    ...scrape,
    bean: { ...bean, instancesInCluster: bean.instancesInCluster.map((info) => (info.instanceId === instanceId ? { ...info, ...change } : info)) },
  };
}

/** The scrape of `instance` in `round`. */
export function of(round: readonly MemberScrape[], instance: string): MemberScrape {
  const scrape = round.find((s) => s.instance === instance);
  if (scrape === undefined) throw new Error(`no scrape of ${instance} in the round`);
  return scrape;
}

/** `round` with the scrape of `instance` replaced by `change(it)`. */
export function change(round: readonly MemberScrape[], instance: string, changed: (scrape: MemberScrape) => MemberScrape): MemberScrape[] {
  of(round, instance);
  return round.map((scrape) => (scrape.instance === instance ? changed(scrape) : scrape));
}
