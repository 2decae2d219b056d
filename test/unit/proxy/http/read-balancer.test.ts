import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProxyConfig } from '../../../../proxy/config/parse-proxy-config.js';
import type { ClusterSnapshot, MemberStatus } from '../../../../proxy/discovery/cluster-snapshot.js';
import { ReadBalancer } from '../../../../proxy/http/read-balancer.js';

function config(extra = ''): ReturnType<typeof parseProxyConfig> {
  const members = ['m', 'a', 'b', 'c'].map((name, i) => `    - { name: ${name}, http: http://127.0.0.1:${7481 + i} }`).join('\n');
  return parseProxyConfig(`cluster:\n  members:\n${members}\n${extra}`, 'proxy.yaml', {});
}

function member(name: string, role: MemberStatus['role'], extra: Partial<MemberStatus> = {}): MemberStatus {
  return { name, origin: '', health: 'up', role, serving: role !== 'unknown', lastCommittedTxId: 10, epoch: 1, lagTx: 0, lastCheckAt: 0, lastError: undefined, ...extra };
}

const snapshot: ClusterSnapshot = { members: [member('m', 'master'), member('a', 'slave'), member('b', 'slave'), member('c', 'slave')], master: 'm', at: 5 };

describe('ReadBalancer', () => {
  it('least-outstanding picks the least busy slave, ties round-robin', () => {
    const balancer = new ReadBalancer(config());
    const load = new Map([['a', 3], ['b', 1], ['c', 2]]);
    for (let i = 0; i < 5; i++) assert.equal(balancer.choose(snapshot, 0, undefined, undefined, (m) => load.get(m) ?? 0)?.member, 'b');
    const picks = Array.from({ length: 6 }, () => balancer.choose(snapshot, 0, undefined, undefined, () => 0)?.member);
    assert.deepEqual(new Set(picks), new Set(['a', 'b', 'c']));
  });

  it('round-robin ignores load; reads: all includes the master', () => {
    const rr = new ReadBalancer(config('routing: { balance: round-robin }\n'));
    assert.deepEqual(Array.from({ length: 3 }, () => rr.choose(snapshot, 0, undefined, undefined, (m) => (m === 'a' ? 100 : 0))?.member).sort(), ['a', 'b', 'c']);
    const all = new ReadBalancer(config('routing: { reads: all, balance: round-robin }\n'));
    assert.deepEqual(new Set(Array.from({ length: 8 }, () => all.choose(snapshot, 0, undefined, undefined, () => 0)?.member)), new Set(['m', 'a', 'b', 'c']));
  });

  it('skips members failed in this request until a newer snapshot, and falls back to the master', () => {
    const balancer = new ReadBalancer(config());
    const failed = new Map([['a', 5], ['b', 5], ['c', 5]]);
    assert.deepEqual(balancer.choose(snapshot, 0, undefined, failed, () => 0), { member: 'm', fallback: true, sharded: false });
    assert.notEqual(balancer.choose({ ...snapshot, at: 6 }, 0, undefined, failed, () => 0)?.member, 'm');
    assert.equal(balancer.choose({ ...snapshot, master: undefined, members: snapshot.members.slice(0, 1) }, 0, undefined, undefined, () => 0), undefined);
  });
});
