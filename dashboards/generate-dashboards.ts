/**
 * `npm run dashboards`: writes the Grafana JSON, prometheus.yml, alertmanager.yml and
 * docker-compose's configuration files from their builders (see generated-files.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-files.js';

const root = fileURLToPath(new URL('.', import.meta.url));
for (const [relative, text] of generatedFiles()) {
  const target = path.join(root, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  process.stdout.write(`wrote dashboards/${relative}\n`);
}
