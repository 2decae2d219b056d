/**
 * The shipped monitoring configuration passes the tools that will run it: promtool
 * (config, rules and a rules unit test), amtool and docker-compose, all Debian packages
 * that .ci/run installs (prometheus, prometheus-alertmanager, docker-compose). Rendered
 * copies with loopback addresses, as tests write them, pass as well.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { renderAlertmanagerConfig } from '../../dashboards/alertmanager-config.js';
import { renderPrometheusConfig } from '../../dashboards/prometheus-config.js';
import { makeTempDir } from '../support/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const prometheusDir = path.join(repoRoot, 'dashboards/prometheus');
const alertmanagerDir = path.join(repoRoot, 'dashboards/alertmanager');

const debianPackage: Record<string, string> = { promtool: 'prometheus', amtool: 'prometheus-alertmanager', 'docker-compose': 'docker-compose' };

interface ToolResult {
  readonly code: number;
  readonly output: string;
}

/** Runs a tool to completion (bounded at 60 s); a missing tool fails with the package that provides it. */
function run(tool: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { cwd: options.cwd ?? repoRoot, env: options.env ?? process.env, timeout: 60_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error === null) {
        resolve({ code: 0, output });
      } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${tool} is not installed; expected the Debian package ${debianPackage[tool]} (.ci/run installs it: apt-get install ${debianPackage[tool]})`));
      } else {
        resolve({ code: typeof error.code === 'number' ? error.code : -1, output });
      }
    });
  });
}

async function assertPasses(tool: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const result = await run(tool, args, options);
  assert.equal(result.code, 0, `${tool} ${args.join(' ')} failed:\n${result.output}`);
  return result.output;
}

const composeEnv = { ...process.env, GRAPHLB_PASSWORD: 'test-password', GRAPHLB_CLUSTER_SECRET: 'test-cluster-secret' };

describe('monitoring configuration against its tools', () => {
  let temp: ReturnType<typeof makeTempDir>;
  before(() => {
    temp = makeTempDir('dashboards-tools');
  });
  after(() => temp.remove());

  it('promtool check config accepts the docker-compose and the local prometheus.yml with their rules', async () => {
    for (const file of ['prometheus.yml', 'prometheus-local.yml']) {
      const output = await assertPasses('promtool', ['check', 'config', file], { cwd: prometheusDir });
      assert.match(output, /SUCCESS: 7 rules found/);
    }
  });

  it('promtool check config accepts a copy rendered for loopback ports with an absolute rules path', async () => {
    const file = path.join(temp.dir, 'prometheus.yml');
    fs.writeFileSync(
      file,
      renderPrometheusConfig({
        members: [1, 2, 3].map((i) => ({ name: `instance${i}`, address: `127.0.0.1:${41000 + i}` })),
        proxy: '127.0.0.1:41010',
        monitor: '127.0.0.1:41020',
        alertmanager: '127.0.0.1:41030',
        rulesFile: path.join(prometheusDir, 'rules.yml'),
        interval: '1s',
      }),
    );
    await assertPasses('promtool', ['check', 'config', file]);
  });

  it('promtool check rules accepts rules.yml and rejects a broken rule', async () => {
    await assertPasses('promtool', ['check', 'rules', 'rules.yml'], { cwd: prometheusDir });
    const broken = path.join(temp.dir, 'broken-rules.yml');
    fs.writeFileSync(broken, fs.readFileSync(path.join(prometheusDir, 'rules.yml'), 'utf8').replace('> 0', '> > 0'));
    assert.notEqual((await run('promtool', ['check', 'rules', broken])).code, 0);
  });

  it('promtool test rules: MasterReelected fires on one re-election, NoMaster after 15 s without a master', async () => {
    const output = await assertPasses('promtool', ['test', 'rules', 'rules-test.yml'], { cwd: prometheusDir });
    assert.match(output, /SUCCESS/);
  });

  it('amtool check-config accepts the shipped alertmanager.yml and a copy rendered for a test webhook', async () => {
    await assertPasses('amtool', ['check-config', path.join(alertmanagerDir, 'alertmanager.yml')]);
    const file = path.join(temp.dir, 'alertmanager.yml');
    fs.writeFileSync(file, renderAlertmanagerConfig({ webhookUrl: 'http://127.0.0.1:41040/hook', groupWait: '1s' }));
    const output = await assertPasses('amtool', ['check-config', file]);
    assert.match(output, /1 receivers/);
  });

  it('docker-compose config accepts docker-compose.yml and needs the password and cluster secret', async () => {
    const output = await assertPasses('docker-compose', ['config', '--quiet'], { env: composeEnv });
    assert.equal(output.trim(), '');
    const withoutSecret: NodeJS.ProcessEnv = { ...composeEnv };
    delete withoutSecret['GRAPHLB_CLUSTER_SECRET'];
    const refused = await run('docker-compose', ['config', '--quiet'], { env: withoutSecret });
    assert.notEqual(refused.code, 0);
    assert.match(refused.output, /GRAPHLB_CLUSTER_SECRET/);
  });

  it('every file docker-compose.yml mounts or builds from exists, and every named volume is declared', async () => {
    const config = parse(await assertPasses('docker-compose', ['config'], { env: composeEnv })) as {
      services: Record<string, { volumes?: string[]; build?: { context: string } }>;
      volumes?: Record<string, unknown>;
    };
    const services = Object.keys(config.services).sort();
    assert.deepEqual(services, ['alertmanager', 'grafana', 'instance1', 'instance2', 'instance3', 'monitor', 'prometheus', 'proxy']);
    let bindMounts = 0;
    for (const [name, service] of Object.entries(config.services)) {
      if (service.build !== undefined) assert.ok(fs.existsSync(path.join(service.build.context, 'Dockerfile')), `${name}: no Dockerfile in ${service.build.context}`);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] as string;
        if (source.startsWith('/')) {
          assert.ok(fs.existsSync(source), `${name} mounts ${source}, which does not exist`);
          bindMounts++;
        } else {
          assert.ok(config.volumes !== undefined && source in config.volumes, `${name} uses the undeclared volume ${source}`);
        }
      }
    }
    assert.ok(bindMounts >= 10, `only ${bindMounts} bind mounts found`);
  });
});
