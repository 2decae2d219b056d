/**
 * Neo4j HA's status endpoints, answered by every member and polled by load balancers
 * (HAProxy's `option httpchk GET /db/manage/server/ha/master`), graphlb's proxy and its
 * monitor. Bodies are text/plain:
 *
 *   path                              master          slave           unknown
 *   /db/manage/server/ha/master       200 "true"      404 "false"     404 "UNKNOWN"
 *   /db/manage/server/ha/slave        404 "false"     200 "true"      404 "UNKNOWN"
 *   /db/manage/server/ha/available    200 "master"    200 "slave"     404 "UNKNOWN"
 *
 * An instance that is not in a cluster (dbms.mode=SINGLE) answers 403 with no body.
 */

export type HaStatusEndpoint = 'master' | 'slave' | 'available';
export type HaRole = 'master' | 'slave' | 'unknown';

export const haStatusPaths: Readonly<Record<HaStatusEndpoint, string>> = {
  master: '/db/manage/server/ha/master',
  slave: '/db/manage/server/ha/slave',
  available: '/db/manage/server/ha/available',
};

/** The endpoint a request path names, if any. */
export function haStatusEndpointOf(path: string): HaStatusEndpoint | undefined {
  switch (path) {
    case haStatusPaths.master:
      return 'master';
    case haStatusPaths.slave:
      return 'slave';
    case haStatusPaths.available:
      return 'available';
    default:
      return undefined;
  }
}

export interface HaStatusAnswer {
  readonly status: 200 | 404;
  readonly body: string;
}

const answers: Readonly<Record<HaStatusEndpoint, Readonly<Record<HaRole, HaStatusAnswer>>>> = {
  master: {
    master: { status: 200, body: 'true' },
    slave: { status: 404, body: 'false' },
    unknown: { status: 404, body: 'UNKNOWN' },
  },
  slave: {
    master: { status: 404, body: 'false' },
    slave: { status: 200, body: 'true' },
    unknown: { status: 404, body: 'UNKNOWN' },
  },
  available: {
    master: { status: 200, body: 'master' },
    slave: { status: 200, body: 'slave' },
    unknown: { status: 404, body: 'UNKNOWN' },
  },
};

/** What a member in `role` answers on `endpoint`. */
export function haStatusAnswer(endpoint: HaStatusEndpoint, role: HaRole): HaStatusAnswer {
  return answers[endpoint][role];
}

/**
 * The role a member has, read from its answer on `endpoint` (a poller's view); undefined
 * when the answer is none of Neo4j's (a member that answers garbage is not trusted).
 */
export function haRoleFromAnswer(endpoint: HaStatusEndpoint, status: number, body: string): HaRole | undefined {
  const text = body.trim();
  for (const role of ['master', 'slave', 'unknown'] as const) {
    const expected = answers[endpoint][role];
    if (expected.status === status && expected.body === text) return role;
  }
  return undefined;
}
