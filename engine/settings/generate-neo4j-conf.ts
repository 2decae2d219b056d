/**
 * `npm run docs`: writes conf/neo4j.conf from the settings table.
 */
import fs from 'node:fs';
import { renderNeo4jConf } from './settings-documentation.js';

const target = new URL('../../conf/neo4j.conf', import.meta.url);
fs.writeFileSync(target, renderNeo4jConf());
process.stdout.write(`wrote ${target.pathname}\n`);
