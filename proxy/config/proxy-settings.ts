/**
 * THE table of the proxy's settings (design.md section 5). The loader takes its
 * defaults, its known keys (unknown ones are refused with a suggestion) and the
 * "expected ..." half of its error messages from here, and conf/proxy.yaml is rendered
 * from it, so the documentation and the parser cannot drift. The `cluster` rows are the
 * ones the monitor's file shares (protocol/config/cluster-settings.ts).
 */
import type { ConfigSetting } from '../../protocol/config/config-setting.js';
import { clusterSettings } from '../../protocol/config/cluster-settings.js';

export type ProxySetting = ConfigSetting;

/** Neo4j's built-in procedures that only read: a CALL to one of them is routed as a read. */
export const defaultReadProcedures: readonly string[] = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.indexes',
  'db.constraints',
  'db.schema',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.explicit.seekNodes',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
  'dbms.components',
  'dbms.procedures',
  'dbms.functions',
  'dbms.listConfig',
  'dbms.queryJmx',
  'dbms.showCurrentUser',
  'dbms.cluster.role',
  'dbms.cluster.overview',
  'dbms.cluster.routing.getRoutingTable',
];

const duration = 'a duration such as 500ms, 1s or 15s (units ms s m h d)';
const address = 'host:port, such as 127.0.0.1:7474';
const size = 'a size such as 512k or 16m (bytes; units k m g, 1k = 1024)';

export const proxySettings: readonly ProxySetting[] = [
  { path: 'listen.http', expected: address, unit: '', default: '127.0.0.1:7474', description: 'Where HTTP clients connect: the one address applications use instead of the cluster.' },
  { path: 'listen.bolt', expected: address, unit: '', default: '127.0.0.1:7687', description: 'Where Bolt clients connect (accepted now; Bolt routing comes in a later release).' },
  { path: 'listen.admin', expected: address, unit: '', default: '127.0.0.1:7475', description: 'The admin listener: GET /metrics, /status and /healthz. Keep it off public networks.' },
  ...clusterSettings({
    members: 'The cluster members the proxy checks and forwards to. Names must be unique.',
    memberName: 'The member\'s name, used in logs, metrics, /status and sharding.pins.',
    memberHttp: 'The member\'s HTTP endpoint, for health checks and forwarded requests.',
    memberBolt: 'The member\'s Bolt address (optional until Bolt routing arrives).',
    auth: 'Credentials for health checks only; client requests carry their own. Without it, checks go unauthenticated.',
    authUser: 'The user health checks log in as.',
  }),
  { path: 'health.interval', expected: duration, unit: 'ms', default: '1s', description: 'How often each member\'s role and last committed transaction are checked.' },
  { path: 'health.timeout', expected: `${duration}, below health.interval`, unit: 'ms', default: '500ms', description: 'A check that takes longer fails.' },
  { path: 'health.rise', expected: 'a whole number >= 1', unit: 'checks', default: 2, description: 'Consecutive successful checks before a member is taken in.' },
  { path: 'health.fall', expected: 'a whole number >= 1', unit: 'checks', default: 2, description: 'Consecutive failed checks before a member is taken out.' },
  { path: 'routing.reads', expected: 'one of slaves | all', unit: '', default: 'slaves', description: 'Which members get reads: slaves only, or all members. Falls back to the master when none qualifies.' },
  { path: 'routing.balance', expected: 'one of least-outstanding | round-robin', unit: '', default: 'least-outstanding', description: 'How reads without a shard key are spread.' },
  { path: 'routing.maxLagTx', expected: 'a whole number >= 0', unit: 'transactions', default: 1000, description: 'A slave further behind the master than this gets no reads until it catches up.' },
  { path: 'routing.writeHold', expected: duration, unit: 'ms', default: '15s', description: 'How long a write waits for a master (e.g. during re-election) before it fails with 503.' },
  {
    path: 'sharding.keys', expected: 'a list of { header } | { urlParam } | { parameter }', unit: '', default: [],
    example: [{ header: 'X-Shard-Key' }, { urlParam: 'shard' }, { parameter: 'country' }],
    description: 'Where a read\'s shard key is found; the first one present wins. Empty: no sharding, reads follow routing.balance.',
  },
  { path: 'sharding.keys[].header', expected: 'an HTTP header name', unit: '', description: 'The key is this request header.' },
  { path: 'sharding.keys[].urlParam', expected: 'a URL query parameter name', unit: '', description: 'The key is this query parameter of the request URL.' },
  { path: 'sharding.keys[].parameter', expected: 'a Cypher parameter name', unit: '', description: 'The key is this Cypher parameter of the request\'s statement.' },
  { path: 'sharding.vnodes', expected: 'a whole number >= 1', unit: 'points per member', default: 160, description: 'Points per member on the consistent-hash ring; more spreads keys more evenly.' },
  { path: 'sharding.loadFactor', expected: '0 (off) or a number > 1', unit: 'x average in-flight reads', default: 1.25, description: 'Bounded-load hashing: no member takes more than this times the average in-flight reads.' },
  {
    path: 'sharding.pins', expected: 'a list of { match, member }', unit: '', default: [],
    example: [{ match: '^[A-Ia-i]', member: 'instance1' }],
    description: 'Explicit placements that override the ring, such as "countries A-I go to instance1". The first match wins.',
  },
  { path: 'sharding.pins[].match', expected: 'a JavaScript regular expression', unit: '', required: true, description: 'Keys matching this regular expression are pinned.' },
  { path: 'sharding.pins[].member', expected: 'the name of one of cluster.members', unit: '', required: true, description: 'The member they go to.' },
  { path: 'forwarding.connectionsPerMember', expected: 'a whole number >= 1', unit: 'connections', default: 128, description: 'Most keep-alive connections the proxy opens to one member; requests beyond them queue in the proxy.' },
  { path: 'forwarding.connectTimeout', expected: duration, unit: 'ms', default: '2s', description: 'A member that does not accept a connection within this is failed over (the request goes elsewhere; nothing was sent).' },
  { path: 'forwarding.responseTimeout', expected: duration, unit: 'ms', default: '120s', description: 'How long a member may take to start answering, and to go quiet while answering: long queries need room. Past it: 504.' },
  { path: 'forwarding.idleTimeout', expected: duration, unit: 'ms', default: '30s', description: 'How long an idle connection to a member is kept open for reuse.' },
  { path: 'forwarding.maxRequestBody', expected: size, unit: 'bytes', default: '16m', description: 'Statement request bodies larger than this are refused with 413 by the proxy.' },
  { path: 'readProcedures', expected: 'a list of procedure names such as db.labels', unit: '', default: defaultReadProcedures, description: 'Procedures a CALL may use and still be routed as a read; any other CALL is a write.' },
];
