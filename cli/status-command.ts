/**
 * `graphlb status [--proxy URL]`: the member table from a running proxy's admin
 * listener (GET /status), with the master under it.
 *
 * Exit codes: 0 printed; 1 the proxy could not be reached or did not answer a status
 * document; 2 bad flags.
 */
import { InvalidArgumentError, type Command } from 'commander';
import http from 'node:http';
import https from 'node:https';
import type { StatusDocument } from '../proxy/admin/status-document.js';

/** The admin address `graphlb up` gives the proxy (design.md's port table). */
export const defaultProxyAdminUrl = 'http://127.0.0.1:7475';
const requestTimeoutMs = 5_000;

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('print the cluster as the proxy sees it: member, role, health, last tx, lag, in flight, shard share, and the master')
    .option('--proxy <url>', 'the proxy\'s admin address (its listen.admin)', parseProxyUrl, defaultProxyAdminUrl)
    .action(async (options: { proxy: string }) => {
      process.exitCode = await runStatus(options.proxy);
    });
}

function parseProxyUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(`expected an http URL of the proxy's admin listener, such as ${defaultProxyAdminUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`expected an http URL of the proxy's admin listener, such as ${defaultProxyAdminUrl}`);
  }
  return url.origin;
}

async function runStatus(origin: string): Promise<number> {
  const url = `${origin}/status`;
  let document: StatusDocument;
  try {
    const answer = await get(url);
    if (answer.status !== 200) throw new Error(`it answered ${answer.status}: ${answer.body.trim().split('\n', 1)[0] ?? ''}`);
    document = JSON.parse(answer.body) as StatusDocument;
    if (!Array.isArray(document.members)) throw new Error('its answer is not a proxy status document');
  } catch (error) {
    process.stderr.write(
      `graphlb status: cannot read ${url} (${reason(error)}); expected a graphlb proxy whose listen.admin is ${origin}: ` +
        'start one (graphlb up or graphlb proxy --config FILE) or pass --proxy with its admin address\n',
    );
    return 1;
  }
  process.stdout.write(renderStatus(document));
  return 0;
}

/** node:http rather than fetch: fetch refuses some ports outright (6000, 6665, ...). */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, { timeout: requestTimeoutMs, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${requestTimeoutMs / 1000} s`)));
    request.on('error', reject);
  });
}

function reason(error: unknown): string {
  if (error instanceof SyntaxError) return `its answer is not JSON: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

const headings = ['member', 'role', 'health', 'last tx', 'lag', 'in flight', 'shard share'] as const;

/** The table `graphlb status` prints: one row per member, then why members failed their checks, then the master. */
export function renderStatus(document: StatusDocument): string {
  const rows = document.members.map((member) => [
    member.name,
    member.role,
    member.health,
    member.lastCommittedTxId === null ? '-' : String(member.lastCommittedTxId),
    member.lagTx === null ? '-' : String(member.lagTx),
    String(member.inFlight),
    member.shardShare === null ? '-' : `${(member.shardShare * 100).toFixed(1)}%`,
  ]);
  const table: string[][] = [[...headings], ...rows];
  const widths = headings.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  const errors = document.members.filter((member) => member.lastError !== null).map((member) => `${member.name}: ${member.lastError!.replace(/\s+/g, ' ')}`);
  const master = document.master === null ? 'none: writes wait for one (routing.writeHold), then fail with 503' : document.master;
  return [
    ...lines,
    ...(errors.length === 0 ? [] : ['', ...errors]),
    '',
    `master: ${master}`,
    `open transactions: ${document.openTransactions}, writes waiting for a master: ${document.holds.active}`,
    '',
  ].join('\n');
}
