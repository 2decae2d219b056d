import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ProbeAnswer } from '../../../../protocol/cluster/member-probe.js';
import { memberProbe } from '../../../../protocol/cluster/member-probe.js';
import type { ClusterFlavor, MemberReading } from '../../../../protocol/cluster/member-reading.js';
import { ProbeFormatError } from '../../../../protocol/cluster/probe-format-error.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/neo4j-cluster/', import.meta.url));

/** The recorded answers of one member state, in the order of `paths`' last segments. */
function recorded(dir: string, names: readonly string[]): ProbeAnswer[] {
  const files = readdirSync(join(fixtures, dir));
  return names.map((name) => {
    const file = files.find((candidate) => candidate.startsWith(`${name}.`));
    assert.ok(file, `${dir}: no recorded answer for ${name}`);
    return { status: Number(file.split('.')[1]), body: readFileSync(join(fixtures, dir, file), 'utf8') };
  });
}

const clusterNames = ['writable', 'read-only', 'available', 'status'];
const haNames = ['available', 'bean'];

const cases: [ClusterFlavor, string, readonly string[], MemberReading][] = [
  ['ha', 'ha/3.5/master', haNames, { role: 'master', lastCommittedTxId: 1042, epoch: undefined }],
  ['ha', 'ha/3.5/slave', haNames, { role: 'slave', lastCommittedTxId: 1040, epoch: undefined }],
  ['ha', 'ha/3.5/unknown', haNames, { role: 'unknown', lastCommittedTxId: 1038, epoch: undefined }],
  ['ha', 'ha/graphlb/master', haNames, { role: 'master', lastCommittedTxId: 2001, epoch: 7 }],
  ['causal', 'causal/3.5/leader', clusterNames, { role: 'master', lastCommittedTxId: 0, epoch: undefined }],
  ['causal', 'causal/3.5/follower', clusterNames, { role: 'slave', lastCommittedTxId: 0, epoch: undefined }],
  ['causal', 'causal/3.5/read-replica', clusterNames, { role: 'slave', lastCommittedTxId: 0, epoch: undefined }],
  ['neo4j5', 'neo4j5/4.4/leader', clusterNames, { role: 'master', lastCommittedTxId: 0, epoch: undefined }],
  ['neo4j5', 'neo4j5/4.4/follower', clusterNames, { role: 'slave', lastCommittedTxId: 0, epoch: undefined }],
  ['neo4j5', 'neo4j5/4.4/read-replica', clusterNames, { role: 'slave', lastCommittedTxId: 0, epoch: undefined }],
  ['neo4j5', 'neo4j5/5.x/leader', clusterNames, { role: 'master', lastCommittedTxId: 0, epoch: undefined }],
  ['neo4j5', 'neo4j5/5.x/follower', clusterNames, { role: 'slave', lastCommittedTxId: 0, epoch: undefined }],
  ['neo4j5', 'neo4j5/5.x/secondary', clusterNames, { role: 'slave', lastCommittedTxId: 0, epoch: undefined }],
];

describe('member probes replay the recorded answers', () => {
  for (const [flavor, dir, names, expected] of cases) {
    it(`${flavor}: ${dir}`, () => {
      assert.deepEqual(memberProbe(flavor, { database: 'neo4j' }).read(recorded(dir, names)), expected);
    });
  }

  it('every recorded state directory is replayed', () => {
    const dirs: string[] = [];
    for (const flavor of readdirSync(fixtures, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
      for (const source of readdirSync(join(fixtures, flavor.name))) {
        for (const state of readdirSync(join(fixtures, flavor.name, source))) dirs.push(`${flavor.name}/${source}/${state}`);
      }
    }
    assert.deepEqual(dirs.sort(), cases.map(([, dir]) => dir).sort());
  });
});

describe('member probes ask the documented paths', () => {
  it('ha: the available endpoint and the High Availability bean', () => {
    assert.deepEqual(memberProbe('ha').requests.map((request) => request.path), [
      '/db/manage/server/ha/available',
      '/db/manage/server/jmx/domain/org.neo4j/instance%3Dkernel%230%2Cname%3DHigh+Availability',
    ]);
  });

  it('causal: the unified 3.5 endpoints, answered by cores and read replicas alike', () => {
    assert.deepEqual(memberProbe('causal').requests.map((request) => request.path), [
      '/db/manage/server/causalclustering/writable',
      '/db/manage/server/causalclustering/read-only',
      '/db/manage/server/causalclustering/available',
      '/db/manage/server/causalclustering/status',
    ]);
  });

  it('neo4j5: the per-database endpoints, neo4j by default', () => {
    assert.deepEqual(memberProbe('neo4j5').requests.map((request) => request.path), [
      '/db/neo4j/cluster/writable',
      '/db/neo4j/cluster/read-only',
      '/db/neo4j/cluster/available',
      '/db/neo4j/cluster/status',
    ]);
    assert.equal(memberProbe('neo4j5', { database: 'sales eu' }).requests[0]?.path, '/db/sales%20eu/cluster/writable');
  });
});

describe('member probes outside the recorded states', () => {
  const follower = recorded('neo4j5/5.x/follower', clusterNames);

  it('a member that is not available serves nothing', () => {
    const answers = [follower[0], { status: 404, body: 'false' }, { status: 404, body: 'false' }, follower[3]] as ProbeAnswer[];
    assert.equal(memberProbe('neo4j5').read(answers).role, 'unknown');
  });

  it('writable and read-only at once is not an answer Neo4j gives: unknown, never master', () => {
    const answers = [{ status: 200, body: 'true' }, { status: 200, body: 'true' }, follower[2], follower[3]] as ProbeAnswer[];
    assert.equal(memberProbe('causal').read(answers).role, 'unknown');
  });
});

describe('member probes refuse garbage with the path, what was expected and what came', () => {
  const leader = recorded('neo4j5/5.x/leader', clusterNames);
  const master = recorded('ha/3.5/master', haNames);

  function refused(flavor: ClusterFlavor, answers: readonly ProbeAnswer[], message: RegExp): void {
    assert.throws(() => memberProbe(flavor).read(answers), (error: unknown) => {
      assert.ok(error instanceof ProbeFormatError, `expected a ProbeFormatError, got ${String(error)}`);
      assert.equal(error.code, 'GRAPHLB_PROBE_FORMAT');
      assert.match(error.message, message);
      return true;
    });
  }

  it('ha: an HTML page on available', () => {
    refused('ha', [{ status: 200, body: '<html>Welcome to nginx</html>' }, master[1] as ProbeAnswer], /^GET \/db\/manage\/server\/ha\/available: expected 200 "master", 200 "slave" or 404 "UNKNOWN".*got 200 "<html>Welcome to nginx<\/html>"$/);
  });

  it('ha: 401 says to set cluster.auth', () => {
    refused('ha', [{ status: 401, body: '' }, { status: 401, body: '' }], /got 401 with an empty body; the member wants credentials: set cluster\.auth/);
  });

  it('ha: a bean that is not JSON', () => {
    refused('ha', [master[0] as ProbeAnswer, { status: 200, body: 'oops' }], /jmx\/domain\/.*: expected 200 with the High Availability bean as JSON \(the body is not JSON\), got 200 "oops"/);
  });

  it('ha: a bean without LastCommittedTxId', () => {
    refused('ha', [master[0] as ProbeAnswer, { status: 200, body: '[]' }], /expected a JSON array holding the bean/);
  });

  it('ha: the bean answered 404 (not an HA member)', () => {
    refused('ha', [master[0] as ProbeAnswer, { status: 404, body: '' }], /expected 200 with the High Availability bean as JSON, got 404/);
  });

  it('neo4j5: a flag endpoint answering something else', () => {
    refused('neo4j5', [{ status: 200, body: 'yes' }, leader[1], leader[2], leader[3]] as ProbeAnswer[], /^GET \/db\/neo4j\/cluster\/writable: expected 200 "true" or 404 "false".*got 200 "yes"$/);
  });

  it('neo4j5: status without lastAppliedRaftIndex', () => {
    refused('neo4j5', [leader[0], leader[1], leader[2], { status: 200, body: '{"memberId":"a"}' }] as ProbeAnswer[], /cluster\/status: expected 200 with a JSON object holding a number lastAppliedRaftIndex/);
  });

  it('neo4j5: a 404 on status says the database may not be hosted here', () => {
    refused('neo4j5', [1, 2, 3, 4].map(() => ({ status: 404, body: '' })), /^GET \/db\/neo4j\/cluster\/status: expected 200 .*; a 404 here means the member does not host this database .*got 404 with an empty body$/);
  });

  it('causal: a long body is cut in the message', () => {
    refused('causal', [{ status: 500, body: 'x'.repeat(500) }, leader[1], leader[2], leader[3]] as ProbeAnswer[], /got 500 "x{80}\.\.\."$/);
  });
});
