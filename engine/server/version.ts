/**
 * graphlb's version, from the package.json this file ships in. Looked up by walking up
 * from this module because the module runs both from the sources and from dist/,
 * which sit at different depths.
 */
import fs from 'node:fs';

function findVersion(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    const candidate = new URL('package.json', dir);
    if (fs.existsSync(candidate)) {
      const manifest = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'graphlb' && typeof manifest.version === 'string') return manifest.version;
    }
    if (dir.pathname === '/') throw new Error(`graphlb's package.json not found above ${import.meta.url}; reinstall graphlb`);
  }
}

export const graphlbVersion: string = findVersion();
