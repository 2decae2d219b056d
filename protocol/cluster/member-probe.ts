/**
 * One health check of one member, as data: the GET requests to make and a pure decoder
 * of their answers. The proxy's discovery and the monitor's collector both run probes;
 * they own the HTTP (timeouts, auth, pools), the probes own what Neo4j's answers mean.
 */
import type { ClusterFlavor, MemberReading } from './member-reading.js';
import { causalProbe } from './causal-probe.js';
import { haProbe } from './ha-probe.js';
import { neo4j5Probe } from './neo4j5-probe.js';

/** A GET; the poller sends `Accept: application/json, text/plain`. */
export interface ProbeRequest {
  readonly path: string;
}

export interface ProbeAnswer {
  readonly status: number;
  readonly body: string;
}

export interface MemberProbe {
  readonly requests: readonly ProbeRequest[];
  /**
   * `answers[i]` answers `requests[i]`. Throws ProbeFormatError (which path, what was
   * expected, what came) when an answer is none of the flavor's.
   */
  read(answers: readonly ProbeAnswer[]): MemberReading;
}

export interface ProbeOptions {
  /** The database whose role counts; Neo4j 5 only (its endpoints are per database). */
  readonly database: string;
}

export const defaultProbeDatabase = 'neo4j';

export function memberProbe(flavor: ClusterFlavor, options: ProbeOptions = { database: defaultProbeDatabase }): MemberProbe {
  switch (flavor) {
    case 'ha':
      return haProbe;
    case 'causal':
      return causalProbe;
    case 'neo4j5':
      return neo4j5Probe(options.database);
  }
}
