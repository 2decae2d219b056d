/**
 * The trivial backend of the forwarding-overhead scenario, run as its own process:
 *
 *   node --import tsx bench/proxy/trivial-backend.ts [--port 0]
 *
 * Every request gets the same small transactional-API answer (one row, no errors) once
 * its body has been read, so that what a load generator measures through a proxy is the
 * proxy, not the backend. It also answers like an HA master on Neo4j's HA endpoints and
 * the High Availability bean, because graphlb's proxy only forwards to a member whose
 * health checks say master or slave. Prints `{"event":"backend_started","port":N}` once
 * it listens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { encodeHaBean, formatLastUpdateTime, haBeanPaths } from '../../protocol/ha/high-availability-bean.js';
import { haStatusAnswer, haStatusPaths } from '../../protocol/ha/status-endpoints.js';

const { values: args } = parseArgs({ options: { port: { type: 'string', default: '0' } } });

interface Fixed {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: Buffer;
}

function fixed(status: number, contentType: string, text: string): Fixed {
  const body = Buffer.from(text);
  return { status, headers: { 'content-type': contentType, 'content-length': body.length }, body };
}

// Encoded once: the per-request path is a lookup and a write.
const commitAnswer = fixed(200, 'application/json', '{"results":[{"columns":["ok"],"data":[{"row":[1],"meta":[null]}]}],"errors":[]}');
const bean = fixed(
  200,
  'application/json',
  JSON.stringify(
    encodeHaBean({
      instanceId: '1',
      available: true,
      alive: true,
      role: 'master',
      lastUpdateTime: formatLastUpdateTime(Date.now()),
      lastCommittedTxId: 1,
      epoch: 1,
      instancesInCluster: [
        { instanceId: '1', haRole: 'master', alive: true, available: true, uris: [], lastCommittedTxId: 1, lastHeartbeatMillis: 0 },
      ],
    }),
  ),
);
const answers = new Map<string, Fixed>(haBeanPaths.map((path) => [path, bean]));
for (const endpoint of ['master', 'slave', 'available'] as const) {
  const answer = haStatusAnswer(endpoint, 'master');
  answers.set(haStatusPaths[endpoint], fixed(answer.status, 'text/plain', answer.body));
}

const server = http.createServer((request, response) => {
  const answer = answers.get(request.url ?? '') ?? commitAnswer;
  request.on('end', () => {
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  });
  request.resume();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(args.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ event: 'backend_started', port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
