/**
 * The settings file `graphlb up` writes for engine instance N when it has none, with
 * the ports of design.md: HTTP 7480+N, Bolt 7690+N, cluster 5000+N, backup 6360+N.
 * Paths in it are relative: the instance runs in <data>/instanceN (its NEO4J_HOME),
 * so the data directory can be moved as a whole.
 */

export interface InstancePorts {
  readonly http: number;
  readonly bolt: number;
  readonly cluster: number;
  readonly backup: number;
}

export function instancePorts(instance: number): InstancePorts {
  return { http: 7480 + instance, bolt: 7690 + instance, cluster: 5000 + instance, backup: 6360 + instance };
}

export function renderInstanceConf(instance: number): string {
  const ports = instancePorts(instance);
  return `# Engine instance ${instance}, written by \`graphlb up\` and reused on every start with
# the same --data: edit it freely. Every setting is documented in graphlb's
# conf/neo4j.conf. Relative paths are relative to the instance's directory
# (the one holding conf/), where \`graphlb up\` starts the engine.
dbms.mode=SINGLE
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
}
