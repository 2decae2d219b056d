/**
 * The status page's files (monitor/status-page/: HTML, CSS, one script; no framework, no
 * CDN), read once at start-up and served from memory. tsc does not copy them into dist/,
 * so from dist/monitor/server/ the page is read from the source tree beside dist/.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PageAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

const files: Readonly<Record<string, { readonly file: string; readonly contentType: string }>> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/status.css': { file: 'status.css', contentType: 'text/css; charset=utf-8' },
  '/status.js': { file: 'status.js', contentType: 'text/javascript; charset=utf-8' },
};

const candidates = [new URL('../status-page/', import.meta.url), new URL('../../../monitor/status-page/', import.meta.url)];

/** The page's files by URL path; throws, naming where it looked, when they are missing. */
export function loadPageAssets(): Map<string, PageAsset> {
  const dir = candidates.find((url) => fs.existsSync(new URL('index.html', url)));
  if (dir === undefined) {
    throw new Error(`the status page's files are missing: expected index.html in ${candidates.map((url) => fileURLToPath(url)).join(' or ')}; reinstall graphlb`);
  }
  return new Map(Object.entries(files).map(([path, { file, contentType }]) => [path, { contentType, body: fs.readFileSync(new URL(file, dir)) }]));
}
