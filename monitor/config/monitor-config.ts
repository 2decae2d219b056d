/**
 * The monitor's configuration after loading (design.md section 6): every default
 * applied, durations in milliseconds, addresses parsed. The daemon reads this and never
 * the YAML.
 */
import type { ClusterFlavor } from '../../protocol/cluster/member-reading.js';

export interface MonitorMember {
  readonly name: string;
  /** `http://host:port`, no trailing slash. */
  readonly http: string;
}

export interface MonitorConfig {
  /** The status page, /metrics, /api/cluster and WebSocket /live. */
  readonly listen: { readonly host: string; readonly port: number };
  /** Time between scrape rounds. */
  readonly intervalMs: number;
  /** Each member's scrape (all its requests) is bounded by this. */
  readonly timeoutMs: number;
  readonly cluster: {
    /** The `cluster` label of pushed alerts. */
    readonly name: string;
    readonly flavor: ClusterFlavor;
    readonly members: readonly MonitorMember[];
    /** Undefined: scrapes go without credentials. */
    readonly auth: { readonly user: string; readonly password: string } | undefined;
  };
  readonly thresholds: { readonly lagTx: number; readonly lagSeconds: number };
  readonly alerts: {
    readonly webhooks: readonly string[];
    /** Alertmanager's base URL (`http://127.0.0.1:9093`); alerts go to /api/v2/alerts. Undefined: none. */
    readonly alertmanager: string | undefined;
  };
}
