/**
 * Runs wrk (Debian's 4.1) with one of the scripts in bench/proxy/lua, report.lua appended,
 * and returns its WrkResult. Scripts take their parameters from the environment (see the
 * header of each script).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseWrkResult, type WrkResult } from './wrk-result.js';
import { trackChild } from './children.js';

export interface WrkRun {
  readonly url: string;
  readonly script: 'fixed-post' | 'keyed-read';
  readonly env: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly connections: number;
  readonly threads: number;
  /** Where the assembled script is written. */
  readonly scratchDir: string;
}

const luaDir = path.join(import.meta.dirname, 'lua');

export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const script = path.join(run.scratchDir, `${run.script}.lua`);
  fs.writeFileSync(script, `${fs.readFileSync(path.join(luaDir, `${run.script}.lua`), 'utf8')}\n${fs.readFileSync(path.join(luaDir, 'report.lua'), 'utf8')}`);
  const args = ['-t', String(run.threads), '-c', String(run.connections), '-d', `${run.seconds}s`, '--timeout', '30s', '-s', script, run.url];
  const child = spawn('wrk', args, { env: { ...process.env, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = trackChild(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wrk ${args.join(' ')} still ran ${run.seconds + 60} s after it should have ended`));
    }, (run.seconds + 60) * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`wrk did not start (${error.message}); expected Debian's wrk on the PATH (apt-get install wrk)`));
    });
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  }).finally(untrack);
  if (code !== 0) throw new Error(`wrk ${args.join(' ')} exited with ${code}:\n${stdout}${stderr}`);
  return parseWrkResult(stdout);
}
