/**
 * Part of `npm run docs`: writes conf/proxy.yaml from the proxy's settings table.
 */
import fs from 'node:fs';
import { renderProxyYamlExample } from './render-proxy-yaml-example.js';

const target = new URL('../../conf/proxy.yaml', import.meta.url);
fs.writeFileSync(target, renderProxyYamlExample());
process.stdout.write(`wrote ${target.pathname}\n`);
