/**
 * The rows of the `cluster` section, the same in the proxy's and the monitor's file
 * (design.md section 6: "same shape as the proxy's"), so a cluster section can be
 * copied from one file to the other. Only the descriptions differ: each program says
 * what it does with the members.
 */
import type { ConfigSetting } from './config-setting.js';

/** What one program does with the members and the credentials, in its own words. */
export interface ClusterDescriptions {
  readonly members: string;
  readonly memberName: string;
  readonly memberHttp: string;
  readonly memberBolt: string;
  readonly auth: string;
  readonly authUser: string;
}

const address = 'host:port, such as 127.0.0.1:7474';

export function clusterSettings(describe: ClusterDescriptions): ConfigSetting[] {
  return [
    { path: 'cluster.flavor', expected: 'one of ha | causal | neo4j5', unit: '', default: 'ha', description: 'How members report their role: ha (Neo4j 3.x HA and graphlb: the HA endpoints and the High Availability bean), causal (Neo4j 3.5 causal clustering: /db/manage/server/causalclustering/*) or neo4j5 (/db/{db}/cluster/*, which Neo4j 4.x answers too: use it for 4.x).' },
    {
      path: 'cluster.members', expected: 'a list of at least one { name, http, bolt }', unit: '', required: true,
      example: [{ name: 'instance1', http: 'http://127.0.0.1:7481', bolt: '127.0.0.1:7691' }],
      description: describe.members,
    },
    { path: 'cluster.members[].name', expected: 'a non-empty name, unique among the members', unit: '', required: true, description: describe.memberName },
    { path: 'cluster.members[].http', expected: 'an origin such as http://127.0.0.1:7481', unit: '', required: true, description: describe.memberHttp },
    { path: 'cluster.members[].bolt', expected: address, unit: '', description: describe.memberBolt },
    {
      path: 'cluster.auth', expected: 'a mapping { user, password }', unit: '',
      example: { user: 'neo4j', password: '${GRAPHLB_PASSWORD}' },
      description: describe.auth,
    },
    { path: 'cluster.auth.user', expected: 'a user name', unit: '', required: true, description: describe.authUser },
    {
      path: 'cluster.auth.password', expected: 'a password, best written as ${VARIABLE}', unit: '', required: true, secret: true,
      description: 'Its password. Write ${VARIABLE} to read it from the environment; it is never shown in errors.',
    },
  ];
}
