/**
 * Part of `npm run docs`: writes conf/monitor.yaml from the monitor's settings table.
 */
import fs from 'node:fs';
import { renderMonitorYamlExample } from './render-monitor-yaml-example.js';

const target = new URL('../../conf/monitor.yaml', import.meta.url);
fs.writeFileSync(target, renderMonitorYamlExample());
process.stdout.write(`wrote ${target.pathname}\n`);
