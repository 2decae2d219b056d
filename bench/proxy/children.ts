/**
 * Child processes of the proxy bench that are not TestProcesses (haproxy, wrk): tracked
 * so that any exit of the bench, an uncaught error or a signal included, kills them.
 * TestProcesses (engines, graphlb's proxy, the trivial backend) are killed by
 * TestProcess.killAll in the bench's own cleanup.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Tracks `child` until it exits; returns the function that stops tracking it. */
export function trackChild(child: ChildProcess): () => void {
  children.add(child);
  const untrack = (): void => void children.delete(child);
  child.once('exit', untrack);
  return untrack;
}
