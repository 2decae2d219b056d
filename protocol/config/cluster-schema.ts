/**
 * The zod shape of the `cluster` section both files share (rows in cluster-settings.ts),
 * and its cross-check. The check runs in each file's top-level refinement, after every
 * field parsed, so the first error reported is the first one in the file.
 */
import { z } from 'zod';
import { httpOrigin, nonEmpty, show, socketAddress } from './value-schemas.js';

export const clusterMemberSchema = z.object({ name: nonEmpty, http: httpOrigin, bolt: socketAddress.optional() });

/** Spread into each file's `cluster` object (the monitor adds `name`). */
export const clusterSectionShape = {
  flavor: z.enum(['ha', 'causal', 'neo4j5']),
  members: z.array(clusterMemberSchema).min(1),
  auth: z.object({ user: nonEmpty, password: z.string() }).optional(),
};

/** Refuses a member name used twice; returns the names, for checks that refer to members. */
export function checkMemberNames(members: readonly { readonly name: string }[], ctx: z.core.$RefinementCtx): Set<string> {
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (seen.has(member.name)) ctx.addIssue({ code: 'custom', path: ['cluster', 'members', index, 'name'], message: `${show(member.name)} is used by an earlier member` });
    seen.add(member.name);
  });
  return seen;
}
