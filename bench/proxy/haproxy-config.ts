/**
 * haproxy.cfg for the proxy bench, the way Neo4j's operations manual (3.x, "Setting up
 * HAProxy as a load balancer") teaches it: a frontend that sends requests carrying
 * `X-Write: 1` to a backend of the master (`option httpchk GET /db/manage/server/ha/master`)
 * and everything else to a round-robin backend of the slaves
 * (`option httpchk GET /db/manage/server/ha/slave`).
 *
 * Deviations, all of them for a fair race against graphlb's proxy, none in routing:
 * - `nbthread 1` (graphlb's proxy is one Node.js thread; the bench host has 2 cores);
 * - checks every `health.interval` with rise/fall as graphlb's defaults (1 s, 2, 2);
 *   the manual's `check` uses HAProxy's defaults (2 s, rise 2, fall 3);
 * - no per-server `maxconn 32` (the load generator's 32 connections never exceed it);
 * - a stats listener, so that the bench can wait until the checks agree with the cluster.
 */

export interface HaproxyServer {
  readonly name: string;
  readonly port: number;
}

export interface HaproxyBackend {
  readonly name: string;
  /** The path of `option httpchk GET`, or undefined for no health check. */
  readonly check: string | undefined;
  readonly servers: readonly HaproxyServer[];
}

export interface HaproxyConfig {
  readonly listenPort: number;
  readonly statsPort: number;
  /** Requests with `X-Write: 1` go here; undefined when there is no write backend. */
  readonly writeBackend: HaproxyBackend | undefined;
  readonly defaultBackend: HaproxyBackend;
  readonly checkIntervalMs: number;
  readonly rise: number;
  readonly fall: number;
}

function backend(config: HaproxyConfig, b: HaproxyBackend): string[] {
  const check = b.check === undefined ? '' : ` check inter ${config.checkIntervalMs}ms rise ${config.rise} fall ${config.fall}`;
  return [
    `backend ${b.name}`,
    '    balance roundrobin',
    ...(b.check === undefined ? [] : [`    option httpchk GET ${b.check}`]),
    ...b.servers.map((s) => `    server ${s.name} 127.0.0.1:${s.port}${check}`),
    '',
  ];
}

export function renderHaproxyConfig(config: HaproxyConfig): string {
  const backends = config.writeBackend === undefined ? [config.defaultBackend] : [config.writeBackend, config.defaultBackend];
  return [
    'global',
    '    nbthread 1',
    '    maxconn 4096',
    '',
    'defaults',
    '    mode http',
    '    option http-keep-alive',
    '    timeout connect 5s',
    '    timeout client 60s',
    '    timeout server 60s',
    '',
    'frontend http-in',
    `    bind 127.0.0.1:${config.listenPort}`,
    ...(config.writeBackend === undefined
      ? []
      : ['    acl write_hdr hdr_val(X-Write) eq 1', `    use_backend ${config.writeBackend.name} if write_hdr`]),
    `    default_backend ${config.defaultBackend.name}`,
    '',
    ...backends.flatMap((b) => backend(config, b)),
    'listen stats',
    `    bind 127.0.0.1:${config.statsPort}`,
    '    stats enable',
    '    stats uri /stats',
    '',
  ].join('\n');
}

export interface ServerState {
  readonly backend: string;
  readonly server: string;
  /** HAProxy's status column: UP, DOWN, "UP 1/2", "DOWN 1/2", no check, ... */
  readonly status: string;
}

/** The servers' states in HAProxy's stats CSV (`/stats;csv`); frontend/backend rows left out. */
export function parseHaproxyStatsCsv(csv: string): ServerState[] {
  const lines = csv.split('\n').filter((line) => line.length > 0);
  const header = (lines[0] ?? '').replace(/^# /, '').split(',');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`HAProxy's stats CSV has no "${name}" column; expected HAProxy 2.x's format, got: ${lines[0]}`);
    return index;
  };
  const [pxname, svname, status] = [column('pxname'), column('svname'), column('status')];
  return lines
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells[svname] !== 'FRONTEND' && cells[svname] !== 'BACKEND')
    .map((cells) => ({ backend: cells[pxname] ?? '', server: cells[svname] ?? '', status: cells[status] ?? '' }));
}
