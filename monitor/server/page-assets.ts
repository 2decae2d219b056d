/**
 * The status page's files (monitor/status-page/: HTML, CSS, one script; no framework, no
 * CDN), read once at start-up and served from memory. They sit beside this file's folder
 * both in the source tree and in dist/ (`npm run build` copies them, as tsc does not).
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

const pageDir = new URL('../status-page/', import.meta.url);

/** The page's files by URL path; throws, naming where it looked, when they are missing. */
export function loadPageAssets(): Map<string, PageAsset> {
  if (!fs.existsSync(new URL('index.html', pageDir))) {
    throw new Error(`the status page's files are missing: expected index.html in ${fileURLToPath(pageDir)}; run npm run build (it copies monitor/status-page/ into dist/)`);
  }
  return new Map(Object.entries(files).map(([path, { file, contentType }]) => [path, { contentType, body: fs.readFileSync(new URL(file, pageDir)) }]));
}
