/**
 * The monitor's status page in headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core), against real processes: a 3-member HA cluster under a small write
 * load and `graphlb monitor --config FILE` (interval 300 ms). The page shows the three
 * members with their roles and a lag line per slave; after kill -9 of the master it shows
 * the new master and a master_reelected event without a reload (same document, same
 * WebSocket). Screenshots before and after go to test-artifacts/status-page-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ClusterWriters, HaCluster } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const intervalMs = 300;
/** Every wait on the page; an election with the test cluster's 1 s heartbeat timeout takes a few seconds. */
const pageWaitMs = 20_000;

function monitorYaml(cluster: HaCluster): string {
  const members = cluster.members.map((member) => `    - name: instance${member.id}\n      http: http://127.0.0.1:${member.port}\n`).join('');
  return `listen: 127.0.0.1:0\ninterval: ${intervalMs}ms\ntimeout: 280ms\ncluster:\n  name: page-test\n  flavor: ha\n  members:\n${members}`;
}

interface MemberRow {
  readonly member: string;
  readonly role: string;
  readonly up: string;
}

async function memberRows(page: Page): Promise<MemberRow[]> {
  return page.$$eval('#members tr[data-member]', (rows) =>
    rows.map((row) => ({ member: row.getAttribute('data-member') ?? '', role: row.getAttribute('data-role') ?? '', up: row.getAttribute('data-up') ?? '' })),
  );
}

describe('the status page in headless Chromium', () => {
  const temp = makeTempDir('status-page');
  let browser: Browser | undefined;
  let writers: ClusterWriters | undefined;
  after(async () => {
    await browser?.close().catch(() => undefined);
    await writers?.stop().catch(() => undefined);
    await TestProcess.killAll();
    temp.remove();
  });

  it('shows the members, their roles and lag, and a re-election live', { timeout: 150_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    const { master: old } = await cluster.roles();
    const config = path.join(temp.dir, 'monitor.yaml');
    fs.writeFileSync(config, monitorYaml(cluster));
    const monitor = TestProcess.cli(['monitor', '--config', config]);
    const listen = String((await monitor.waitForEvent('monitor_started', 30_000))['listen']);
    writers = new ClusterWriters(cluster, 'Paged', 1);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'], timeout: 30_000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(pageWaitMs);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    let documents = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) documents++;
    });

    await page.goto(`http://${listen}/`, { waitUntil: 'load' });
    await page.waitForSelector('#connection[data-state="live"]');
    await page.waitForFunction(
      (master) =>
        document.querySelector('#master')?.getAttribute('data-master') === master &&
        document.querySelectorAll('#members tr[data-member][data-role="master"]').length === 1 &&
        document.querySelectorAll('#members tr[data-member][data-role="slave"]').length === 2,
      `instance${old.id}`,
    );
    const before = await memberRows(page);
    assert.deepEqual(
      before.map((row) => row.member).sort(),
      cluster.members.map((member) => `instance${member.id}`).sort(),
    );
    assert.ok(before.every((row) => row.up === 'true'), JSON.stringify(before));
    const slaves = before.filter((row) => row.role === 'slave').map((row) => row.member).sort();
    assert.ok(!slaves.includes(`instance${old.id}`));

    // A line per slave, drawn from several rounds (a polyline of one point is no line).
    await page.waitForFunction(() => {
      const lines = [...document.querySelectorAll('#lag-chart polyline[data-member]')];
      return document.querySelector('#lag-chart')?.getAttribute('data-series') === '2' && lines.length === 2 && lines.every((line) => (line.getAttribute('points') ?? '').trim().split(/\s+/).length >= 3);
    });
    const lines = await page.$$eval('#lag-chart polyline[data-member]', (nodes) => nodes.map((node) => node.getAttribute('data-member') ?? ''));
    assert.deepEqual(lines.sort(), slaves);
    assert.ok(writers.stats.acknowledged.size > 0, 'the write load acknowledged nothing');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'status-page-before.png'), fullPage: true });

    // Survives only if the page is never reloaded.
    await page.evaluate(() => {
      (window as unknown as { stayedLoaded: boolean }).stayedLoaded = true;
    });
    const documentsBefore = documents;
    await old.kill();

    await page.waitForFunction(
      (killed) => {
        const master = document.querySelector('#master')?.getAttribute('data-master') ?? '';
        return master !== '' && master !== killed && document.querySelector('#events li[data-event="master_reelected"]') !== null;
      },
      `instance${old.id}`,
    );
    const { master: successor } = await cluster.roles(cluster.members.filter((member) => member !== old));
    await page.waitForFunction(
      ([killed, elected]) =>
        document.querySelector(`#members tr[data-member="${killed}"]`)?.getAttribute('data-role') === 'down' &&
        document.querySelector(`#members tr[data-member="${elected}"]`)?.getAttribute('data-role') === 'master',
      [`instance${old.id}`, `instance${successor.id}`] as const,
    );
    assert.equal(await page.getAttribute('#master', 'data-master'), `instance${successor.id}`);
    // The survivors may hold a second election at once (the new master re-elected itself at a
    // higher epoch, seen in 1 of 5 runs): the page then lists that too, naming the same master.
    const reelected = await page.$$eval('#events li[data-event="master_reelected"]', (items) => items.map((item) => ({ instance: item.getAttribute('data-instance'), text: item.textContent ?? '' })));
    assert.ok(
      reelected.some((item) => new RegExp(`instance${successor.id} is the new master.*replacing instance${old.id}\\b`).test(item.text)),
      `no master_reelected from instance${old.id} to instance${successor.id} in ${JSON.stringify(reelected)}`,
    );
    assert.deepEqual(new Set(reelected.map((item) => item.instance)), new Set([`instance${successor.id}`]));
    await page.screenshot({ path: path.join(ARTIFACTS, 'status-page-after.png'), fullPage: true });

    assert.equal(documents, documentsBefore, 'the page navigated');
    assert.equal(await page.evaluate(() => (window as unknown as { stayedLoaded?: boolean }).stayedLoaded), true, 'the page was reloaded');
    assert.equal(await page.getAttribute('#connection', 'data-state'), 'live');
    assert.deepEqual(pageErrors, []);
    const origin = `http://${listen}/`;
    assert.deepEqual(requested.filter((url) => !url.startsWith(origin) && !url.startsWith(`ws://${listen}/`)), [], 'the page loaded something from elsewhere');
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'status-page-before.png')).size > 0);
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'status-page-after.png')).size > 0);
  });
});
