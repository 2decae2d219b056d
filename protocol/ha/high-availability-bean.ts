/**
 * The High Availability JMX bean as Neo4j's server serves it over HTTP, and its model.
 *
 *   GET /db/manage/server/jmx/domain/org.neo4j/instance%3Dkernel%230%2Cname%3DHigh+Availability
 *   (the space also as %20) answers a JSON array with one bean:
 *
 *   [{ "name": "org.neo4j:instance=kernel#0,name=High Availability",
 *      "description": "Information about an instance participating in a HA cluster",
 *      "url": "org.neo4j/instance%3Dkernel%230%2Cname%3DHigh+Availability",
 *      "attributes": [ { "name": "Role", "description": ..., "value": "master", "type": "java.lang.String",
 *                        "isReadable": "true", "isWriteable": "false", "isIs": "false" }, ...,
 *                      { "name": "InstancesInCluster", "type": "org.neo4j.management.ClusterMemberInfo[]",
 *                        "value": [ { "type": "org.neo4j.management.ClusterMemberInfo", "description": ...,
 *                                     "value": [ { "name": "instanceId", "value": "1", "type": "java.lang.String", ... },
 *                                                { "name": "haRole", ... }, { "name": "alive", ... }, ... ] } ] } ] }]
 *
 * Attributes: InstanceId, Available, Alive, Role, LastUpdateTime, LastCommittedTxId,
 * InstancesInCluster (instanceId, haRole, alive, available, uris, and graphlb's
 * lastCommittedTxId and lastHeartbeatMillis per member) and graphlb's Epoch. The decoder
 * reads Neo4j 3.x's bean too, where graphlb's additions are absent.
 */

export const haBeanName = 'org.neo4j:instance=kernel#0,name=High Availability';
export const haBeanUrl = 'org.neo4j/instance%3Dkernel%230%2Cname%3DHigh+Availability';
export const haBeanPaths: readonly string[] = [
  `/db/manage/server/jmx/domain/${haBeanUrl}`,
  '/db/manage/server/jmx/domain/org.neo4j/instance%3Dkernel%230%2Cname%3DHigh%20Availability',
];

export interface ClusterMemberInfo {
  readonly instanceId: string;
  /** 'master' | 'slave' | 'UNKNOWN' as Neo4j writes it */
  readonly haRole: string;
  readonly alive: boolean;
  readonly available: boolean;
  readonly uris: readonly string[];
  /** graphlb: the member's last committed tx id as this instance last heard it */
  readonly lastCommittedTxId: number | undefined;
  /** graphlb: milliseconds since this instance last heard from the member */
  readonly lastHeartbeatMillis: number | undefined;
}

export interface HighAvailabilityInfo {
  readonly instanceId: string;
  readonly available: boolean;
  readonly alive: boolean;
  readonly role: string;
  /** Neo4j's format: "yyyy-MM-dd HH:mm:ss.SSS+0000", or "N/A" before the first update */
  readonly lastUpdateTime: string;
  readonly lastCommittedTxId: number;
  /** graphlb: the epoch of the current master; undefined from Neo4j */
  readonly epoch: number | undefined;
  readonly instancesInCluster: readonly ClusterMemberInfo[];
}

interface JmxAttribute {
  readonly name: string;
  readonly description: string;
  readonly value: unknown;
  readonly type: string;
  readonly isReadable: 'true';
  readonly isWriteable: 'false';
  readonly isIs: 'true' | 'false';
}

export interface JmxBean {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly attributes: readonly JmxAttribute[];
}

function attribute(name: string, description: string, value: unknown, type: string): JmxAttribute {
  return { name, description, value, type, isReadable: 'true', isWriteable: 'false', isIs: type === 'boolean' ? 'true' : 'false' };
}

function memberComposite(member: ClusterMemberInfo): unknown {
  const fields: JmxAttribute[] = [
    attribute('instanceId', 'instanceId', member.instanceId, 'java.lang.String'),
    attribute('haRole', 'haRole', member.haRole, 'java.lang.String'),
    attribute('alive', 'alive', member.alive, 'boolean'),
    attribute('available', 'available', member.available, 'boolean'),
    attribute('uris', 'uris', member.uris, 'java.lang.String[]'),
  ];
  if (member.lastCommittedTxId !== undefined) fields.push(attribute('lastCommittedTxId', 'lastCommittedTxId', member.lastCommittedTxId, 'long'));
  if (member.lastHeartbeatMillis !== undefined) fields.push(attribute('lastHeartbeatMillis', 'lastHeartbeatMillis', member.lastHeartbeatMillis, 'long'));
  return { type: 'org.neo4j.management.ClusterMemberInfo', description: 'org.neo4j.management.ClusterMemberInfo', value: fields };
}

/** The bean JSON (the whole response body) for this instance's view. */
export function encodeHaBean(info: HighAvailabilityInfo): JmxBean[] {
  const attributes: JmxAttribute[] = [
    attribute('InstanceId', 'The identifier used to identify this server in the HA cluster', info.instanceId, 'java.lang.String'),
    attribute('Available', 'Whether this instance is available or not', info.available, 'boolean'),
    attribute('Alive', 'Whether this instance is alive or not', info.alive, 'boolean'),
    attribute('Role', 'The role this instance has in the cluster', info.role, 'java.lang.String'),
    attribute('LastUpdateTime', 'The time when the data on this instance was last updated from the master', info.lastUpdateTime, 'java.lang.String'),
    attribute('LastCommittedTxId', 'The latest transaction id present in this instance\'s store', info.lastCommittedTxId, 'long'),
    attribute(
      'InstancesInCluster',
      'Information about all instances in this cluster',
      info.instancesInCluster.map(memberComposite),
      'org.neo4j.management.ClusterMemberInfo[]',
    ),
  ];
  if (info.epoch !== undefined) attributes.push(attribute('Epoch', 'graphlb: the epoch of the current master', info.epoch, 'long'));
  return [{ name: haBeanName, description: 'Information about an instance participating in a HA cluster', url: haBeanUrl, attributes }];
}

/** Thrown when a body is not a High Availability bean; the message says what was missing. */
export class HaBeanFormatError extends Error {
  override readonly name = 'HaBeanFormatError';
}

function fieldsOf(list: unknown, what: string): Map<string, unknown> {
  if (!Array.isArray(list)) throw new HaBeanFormatError(`${what}: expected a list of {name, value} attributes`);
  const fields = new Map<string, unknown>();
  for (const entry of list) {
    if (typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string') {
      fields.set((entry as { name: string }).name, (entry as { value?: unknown }).value);
    }
  }
  return fields;
}

function text(fields: Map<string, unknown>, name: string, what: string): string {
  const value = fields.get(name);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new HaBeanFormatError(`${what}: expected attribute ${name}`);
}

function flag(fields: Map<string, unknown>, name: string, what: string): boolean {
  const value = fields.get(name);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new HaBeanFormatError(`${what}: expected boolean attribute ${name}`);
}

function count(fields: Map<string, unknown>, name: string): number | undefined {
  const value = fields.get(name);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Reads the bean from a response body already parsed as JSON (graphlb's or Neo4j 3.x's). */
export function decodeHaBean(body: unknown): HighAvailabilityInfo {
  const bean = Array.isArray(body) ? body.find((candidate) => (candidate as { name?: unknown })?.name === haBeanName) : undefined;
  if (bean === undefined) throw new HaBeanFormatError(`expected a JSON array holding the bean "${haBeanName}"`);
  const fields = fieldsOf((bean as { attributes?: unknown }).attributes, 'the High Availability bean');
  const lastCommittedTxId = count(fields, 'LastCommittedTxId');
  if (lastCommittedTxId === undefined) throw new HaBeanFormatError('the High Availability bean: expected attribute LastCommittedTxId');
  const members = fields.get('InstancesInCluster');
  if (!Array.isArray(members)) throw new HaBeanFormatError('the High Availability bean: expected attribute InstancesInCluster as a list');
  return {
    instanceId: text(fields, 'InstanceId', 'the High Availability bean'),
    available: flag(fields, 'Available', 'the High Availability bean'),
    alive: flag(fields, 'Alive', 'the High Availability bean'),
    role: text(fields, 'Role', 'the High Availability bean'),
    lastUpdateTime: text(fields, 'LastUpdateTime', 'the High Availability bean'),
    lastCommittedTxId,
    epoch: count(fields, 'Epoch'),
    instancesInCluster: members.map((member, index) => {
      const what = `InstancesInCluster[${index}]`;
      const memberFields = fieldsOf((member as { value?: unknown })?.value, what);
      const uris = memberFields.get('uris');
      return {
        instanceId: text(memberFields, 'instanceId', what),
        haRole: text(memberFields, 'haRole', what),
        alive: flag(memberFields, 'alive', what),
        available: flag(memberFields, 'available', what),
        uris: Array.isArray(uris) ? uris.map(String) : [],
        lastCommittedTxId: count(memberFields, 'lastCommittedTxId'),
        lastHeartbeatMillis: count(memberFields, 'lastHeartbeatMillis'),
      };
    }),
  };
}

/** Neo4j's LastUpdateTime format: "2026-11-21 01:02:03.456+0000" (UTC). */
export function formatLastUpdateTime(epochMillis: number | undefined): string {
  if (epochMillis === undefined) return 'N/A';
  return `${new Date(epochMillis).toISOString().replace('T', ' ').replace('Z', '')}+0000`;
}
