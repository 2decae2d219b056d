/**
 * THE table of the monitor's settings (design.md section 6). The loader takes its
 * defaults, its known keys (unknown ones are refused with a suggestion), its secrets and
 * the "expected ..." half of its error messages from here, and conf/monitor.yaml is
 * rendered from it. The `cluster` rows are the proxy's (protocol/config/cluster-settings.ts)
 * plus cluster.name, so the proxy's cluster section can be pasted here as is.
 */
import { clusterSettings } from '../../protocol/config/cluster-settings.js';
import type { ConfigSetting } from '../../protocol/config/config-setting.js';

const duration = 'a duration such as 500ms, 1s or 15s (units ms s m h d)';

export const monitorSettings: readonly ConfigSetting[] = [
  {
    path: 'listen', expected: 'host:port, such as 127.0.0.1:7490', unit: '', default: '127.0.0.1:7490',
    description: 'The status page, GET /metrics, GET /api/cluster and WebSocket /live. Keep it off public networks.',
  },
  { path: 'interval', expected: duration, unit: 'ms', default: '1s', description: 'Time between scrape rounds; every member is scraped once per round.' },
  {
    path: 'timeout', expected: `${duration}, above 0 and below interval`, unit: 'ms', default: '800ms',
    description: 'Each member\'s scrape (all its requests) must finish within this, or it fails for that round.',
  },
  { path: 'cluster.name', expected: 'a non-empty name', unit: '', default: 'graphlb', description: 'The cluster label of the alerts pushed to Alertmanager.' },
  ...clusterSettings({
    members: 'The cluster members the monitor scrapes. Names must be unique.',
    memberName: 'The member\'s name: the instance label of metrics, and its name in alerts and on the status page.',
    memberHttp: 'The member\'s HTTP endpoint, which the monitor scrapes.',
    memberBolt: 'Not used by the monitor; accepted so the proxy\'s cluster section can be copied as is.',
    auth: 'Credentials for the scrapes. Without it, scrapes go unauthenticated.',
    authUser: 'The user scrapes log in as.',
  }),
  {
    path: 'thresholds.lagTx', expected: 'a whole number >= 0', unit: 'transactions', default: 1000,
    description: 'A slave more than this many transactions behind the master raises lag_high.',
  },
  {
    path: 'thresholds.lagSeconds', expected: 'a number of seconds >= 0 (10, 2.5) or a duration such as 10s', unit: 'seconds', default: 10,
    description: 'A slave more than this many seconds behind the master raises lag_high too.',
  },
  {
    path: 'alerts.webhooks', expected: 'a list of http(s) URLs', unit: '', default: [],
    example: ['http://127.0.0.1:9000/hook'],
    description: 'Every cluster event (the alerts and their recoveries) is POSTed as JSON to each of these URLs. Empty: no webhooks.',
  },
  {
    path: 'alerts.alertmanager', expected: 'an http(s) URL such as http://127.0.0.1:9093', unit: '',
    example: 'http://127.0.0.1:9093',
    description: 'Alertmanager\'s base URL; alerts are pushed to its /api/v2/alerts. Unset: no Alertmanager.',
  },
];
