/**
 * The settings file `graphlb up` writes for engine instance N when it has none, with
 * the ports of design.md: HTTP 7480+N, Bolt 7690+N, cluster 5000+N, backup 6360+N.
 * One instance runs in dbms.mode=SINGLE; several form an HA cluster: server ids 1..count,
 * ha.initial_hosts naming every member's cluster port and one ha.cluster_secret they all
 * share. Paths in it are relative: the instance runs in <data>/instanceN (its
 * NEO4J_HOME), so the data directory can be moved as a whole.
 */
import { randomBytes } from 'node:crypto';

export interface InstancePorts {
  readonly http: number;
  readonly bolt: number;
  readonly cluster: number;
  readonly backup: number;
}

/** The cluster an instance belongs to when `graphlb up` starts more than one. */
export interface ClusterConf {
  /** How many members: server ids 1..count. */
  readonly count: number;
  /** ha.cluster_secret, the same in every member's file. */
  readonly secret: string;
}

export function instancePorts(instance: number): InstancePorts {
  return { http: 7480 + instance, bolt: 7690 + instance, cluster: 5000 + instance, backup: 6360 + instance };
}

/** A new ha.cluster_secret: 256 random bits, URL-safe so it needs no quoting in the file. */
export function generateClusterSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The ha.cluster_secret a settings file sets, so members added later join the same cluster. */
export function clusterSecretIn(confText: string): string | undefined {
  for (const line of confText.split(/\r?\n/)) {
    const match = /^\s*ha\.cluster_secret\s*=(.*)$/.exec(line);
    const value = match?.[1]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

export function renderInstanceConf(instance: number, cluster?: ClusterConf): string {
  const ports = instancePorts(instance);
  const common = `# Engine instance ${instance}, written by \`graphlb up\` and reused on every start with
# the same --data: edit it freely. Every setting is documented in graphlb's
# conf/neo4j.conf. Relative paths are relative to the instance's directory
# (the one holding conf/), where \`graphlb up\` starts the engine.
dbms.mode=${cluster === undefined ? 'SINGLE' : 'HA'}
dbms.directories.data=data
dbms.active_database=graph.db
# A laptop runs several instances; each caches up to this much of its store.
dbms.pagecache.memory=128m
dbms.connector.http.listen_address=127.0.0.1:${ports.http}
dbms.connector.bolt.listen_address=127.0.0.1:${ports.bolt}
dbms.backup.address=127.0.0.1:${ports.backup}
ha.server_id=${instance}
ha.host.coordination=127.0.0.1:${ports.cluster}
`;
  if (cluster === undefined) return common;
  const hosts = Array.from({ length: cluster.count }, (_, i) => `127.0.0.1:${instancePorts(i + 1).cluster}`).join(',');
  return `${common}ha.initial_hosts=${hosts}
# Members refuse peers without it; the same in every member's file. Keep it private.
ha.cluster_secret=${cluster.secret}
# The role endpoints answer without credentials, for \`graphlb up\`, the proxy and
# load balancers (HAProxy's httpchk), as Neo4j's HA documentation advises.
dbms.security.ha_status_auth_enabled=false
`;
}
