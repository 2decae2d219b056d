import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderStatus } from '../../../cli/status-command.js';
import type { StatusDocument } from '../../../proxy/admin/status-document.js';

const base: StatusDocument = {
  master: 'instance1',
  members: [
    { name: 'instance1', origin: 'http://127.0.0.1:7481', health: 'up', role: 'master', serving: true, lastCommittedTxId: 1204, lagTx: 0, inFlight: 3, shardShare: 0.5, lastCheckAt: '2026-01-02T03:04:05.678Z', lastError: null },
    { name: 'instance2', origin: 'http://127.0.0.1:7482', health: 'up', role: 'slave', serving: true, lastCommittedTxId: 1190, lagTx: 14, inFlight: 0, shardShare: 0.5, lastCheckAt: '2026-01-02T03:04:05.678Z', lastError: null },
    { name: 'instance3', origin: 'http://127.0.0.1:7483', health: 'down', role: 'unknown', serving: false, lastCommittedTxId: null, lagTx: null, inFlight: 0, shardShare: null, lastCheckAt: null, lastError: 'connect\nECONNREFUSED' },
  ],
  holds: { active: 0 },
  openTransactions: 2,
  config: { file: '/x/proxy.yaml', loadedAt: '2026-01-02T03:00:00.000Z' },
  startedAt: '2026-01-02T03:00:00.000Z',
};

describe('renderStatus', () => {
  it('prints one aligned row per member, the failures, then the master', () => {
    assert.equal(
      renderStatus(base),
      [
        'member     role     health  last tx  lag  in flight  shard share',
        'instance1  master   up      1204     0    3          50.0%',
        'instance2  slave    up      1190     14   0          50.0%',
        'instance3  unknown  down    -        -    0          -',
        '',
        'instance3: connect ECONNREFUSED',
        '',
        'master: instance1',
        'open transactions: 2, writes waiting for a master: 0',
        '',
      ].join('\n'),
    );
  });

  it('says what happens to writes when there is no master', () => {
    const text = renderStatus({ ...base, master: null, members: [base.members[0]!], holds: { active: 4 } });
    assert.match(text, /^master: none: writes wait for one \(routing\.writeHold\), then fail with 503$/m);
    assert.match(text, /writes waiting for a master: 4$/m);
  });
});
