/**
 * An engine instance's HA role as `graphlb up` reads it to tell which member is master:
 * GET /db/manage/server/ha/available answers `master` or `slave` with 200.
 */
import type { UpChild } from './up-child.js';

/** 'master', 'slave', or 'unknown' (no answer, UNKNOWN, 401). */
export async function haRole(instance: UpChild, authorization: string | undefined): Promise<'master' | 'slave' | 'unknown'> {
  const { status, body } = await instance.get('/db/manage/server/ha/available', authorization === undefined ? {} : { Authorization: authorization });
  return status === 200 && (body === 'master' || body === 'slave') ? body : 'unknown';
}
