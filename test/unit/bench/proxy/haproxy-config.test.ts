/** haproxy.cfg as Neo4j's manual lays it out, and HAProxy 2.6's stats CSV read back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHaproxyStatsCsv, renderHaproxyConfig, type HaproxyConfig } from '../../../../bench/proxy/haproxy-config.js';

const servers = [
  { name: 'instance1', port: 7481 },
  { name: 'instance2', port: 7482 },
];
const cluster: HaproxyConfig = {
  listenPort: 8000,
  statsPort: 8001,
  writeBackend: { name: 'neo4j-master', check: '/db/manage/server/ha/master', servers },
  defaultBackend: { name: 'neo4j-slaves', check: '/db/manage/server/ha/slave', servers },
  checkIntervalMs: 1000,
  rise: 2,
  fall: 2,
};

describe('renderHaproxyConfig', () => {
  it('sends X-Write: 1 to the master backend and the rest round robin to the slaves, each with its HA check', () => {
    const text = renderHaproxyConfig(cluster);
    assert.match(text, /^ {4}nbthread 1$/m);
    assert.match(text, /^ {4}bind 127\.0\.0\.1:8000$/m);
    assert.match(text, /^ {4}acl write_hdr hdr_val\(X-Write\) eq 1\n {4}use_backend neo4j-master if write_hdr\n {4}default_backend neo4j-slaves$/m);
    assert.match(text, /^backend neo4j-master\n {4}balance roundrobin\n {4}option httpchk GET \/db\/manage\/server\/ha\/master\n {4}server instance1 127\.0\.0\.1:7481 check inter 1000ms rise 2 fall 2$/m);
    assert.match(text, /^backend neo4j-slaves\n {4}balance roundrobin\n {4}option httpchk GET \/db\/manage\/server\/ha\/slave\n/m);
    assert.match(text, /^ {4}bind 127\.0\.0\.1:8001\n {4}stats enable\n {4}stats uri \/stats$/m);
  });

  it('leaves out the ACL and the checks for a single unchecked backend', () => {
    const text = renderHaproxyConfig({ ...cluster, writeBackend: undefined, defaultBackend: { name: 'backend', check: undefined, servers: [servers[0]!] } });
    assert.doesNotMatch(text, /acl|httpchk|check inter/);
    assert.match(text, /^ {4}server instance1 127\.0\.0\.1:7481$/m);
  });
});

describe('parseHaproxyStatsCsv', () => {
  // Trimmed from HAProxy 2.6.12's /stats;csv (the real rows have ~100 columns; the parser finds its by name).
  const csv = [
    '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight',
    'http-in,FRONTEND,,,0,0,9992,0,0,0,0,0,0,,,,,OPEN,',
    'neo4j-master,instance1,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,1',
    'neo4j-master,instance2,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1',
    'neo4j-master,BACKEND,0,0,0,0,1000,0,0,0,0,0,,0,0,0,0,UP,1',
    'neo4j-slaves,instance2,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP 1/2,1',
    '',
  ].join('\n');

  it('lists each server with its backend and status, without the frontend and backend rows', () => {
    assert.deepEqual(parseHaproxyStatsCsv(csv), [
      { backend: 'neo4j-master', server: 'instance1', status: 'UP' },
      { backend: 'neo4j-master', server: 'instance2', status: 'DOWN' },
      { backend: 'neo4j-slaves', server: 'instance2', status: 'UP 1/2' },
    ]);
  });

  it('names the column it cannot find', () => {
    assert.throws(() => parseHaproxyStatsCsv('# pxname,svname,weight\n'), /no "status" column/);
  });
});
