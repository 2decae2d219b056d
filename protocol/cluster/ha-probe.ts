/**
 * Neo4j 3.x HA and graphlb: the role from `/db/manage/server/ha/available` (200 master,
 * 200 slave, 404 UNKNOWN) and the tx id and epoch from the High Availability bean. Both
 * must decode: a member whose bean is garbage is not trusted with a role either.
 */
import { decodeHaBean, haBeanPaths, HaBeanFormatError } from '../ha/high-availability-bean.js';
import { haRoleFromAnswer, haStatusPaths } from '../ha/status-endpoints.js';
import type { MemberProbe, ProbeAnswer } from './member-probe.js';
import type { MemberReading } from './member-reading.js';
import { ProbeFormatError } from './probe-format-error.js';

const availablePath = haStatusPaths.available;
const beanPath = haBeanPaths[0] as string;

function read(answers: readonly ProbeAnswer[]): MemberReading {
  const [available, bean] = answers as readonly [ProbeAnswer, ProbeAnswer];
  const role = haRoleFromAnswer('available', available.status, available.body);
  if (role === undefined) {
    throw new ProbeFormatError(availablePath, '200 "master", 200 "slave" or 404 "UNKNOWN" (Neo4j HA status endpoint)', available.status, available.body);
  }
  const expectedBean = '200 with the High Availability bean as JSON';
  if (bean.status !== 200) throw new ProbeFormatError(beanPath, expectedBean, bean.status, bean.body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bean.body);
  } catch {
    throw new ProbeFormatError(beanPath, `${expectedBean} (the body is not JSON)`, bean.status, bean.body);
  }
  try {
    const info = decodeHaBean(parsed);
    return { role, lastCommittedTxId: info.lastCommittedTxId, epoch: info.epoch };
  } catch (error) {
    if (!(error instanceof HaBeanFormatError)) throw error;
    throw new ProbeFormatError(beanPath, `${expectedBean} (${error.message})`, bean.status, bean.body);
  }
}

export const haProbe: MemberProbe = {
  requests: [{ path: availablePath }, { path: beanPath }],
  read,
};
