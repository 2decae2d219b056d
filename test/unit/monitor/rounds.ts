/**
 * Hand-made scrape rounds of a graphlb HA cluster for the monitor's unit tests: each member
 * answers with a role, a tx id, an epoch and a bean whose view lists every member.
 */
import type { MemberRole } from '../../../protocol/cluster/member-reading.js';
import type { HighAvailabilityInfo } from '../../../protocol/ha/high-availability-bean.js';
import type { MemberScrape } from '../../../monitor/model/member-scrape.js';

export interface MemberAnswer {
  readonly role: MemberRole | 'down';
  readonly txId?: number;
  readonly epoch?: number;
}

/** One round; members are named instance1..N with HA server ids 1..N. */
export function round(at: number, answers: readonly MemberAnswer[]): MemberScrape[] {
  const ids = answers.map((_, index) => String(index + 1));
  return answers.map((answer, index) => {
    const instance = `instance${index + 1}`;
    if (answer.role === 'down') return { instance, at, ok: false, error: 'GET /db/manage/server/ha/available: ECONNREFUSED connect ECONNREFUSED' };
    const txId = answer.txId ?? 10;
    const bean: HighAvailabilityInfo = {
      instanceId: ids[index]!,
      available: answer.role !== 'unknown',
      alive: true,
      role: answer.role === 'unknown' ? 'UNKNOWN' : answer.role,
      lastUpdateTime: 'N/A',
      lastCommittedTxId: txId,
      epoch: answer.epoch,
      instancesInCluster: answers.map((peer, peerIndex) => ({
        instanceId: ids[peerIndex]!,
        haRole: peer.role === 'down' || peer.role === 'unknown' ? 'UNKNOWN' : peer.role,
        alive: peer.role !== 'down',
        available: peer.role === 'master' || peer.role === 'slave',
        uris: [],
        lastCommittedTxId: peer.txId,
        lastHeartbeatMillis: peerIndex === index ? 0 : 50,
      })),
    };
    return { instance, at, ok: true, reading: { role: answer.role, lastCommittedTxId: txId, epoch: answer.epoch }, bean };
  });
}

export const names = ['instance1', 'instance2', 'instance3'];
