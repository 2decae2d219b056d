/**
 * The node arguments that run this same program again in a child process with another
 * working directory: process.execArgv with its module specifiers made absolute (under
 * tsx it holds `--import tsx`, which a child in another directory could not resolve),
 * then the script. Works the same from dist/ (no execArgv) and from the sources.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const moduleFlags = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r']);

export function nodeArgsForChild(): string[] {
  const args: string[] = [];
  const execArgv = process.execArgv;
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] ?? '';
    const equals = arg.indexOf('=');
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    if (!moduleFlags.has(flag)) {
      args.push(arg);
      continue;
    }
    const specifier = equals < 0 ? (execArgv[++i] ?? '') : arg.slice(equals + 1);
    args.push(flag, absoluteSpecifier(flag, specifier));
  }
  args.push(path.resolve(process.argv[1] ?? ''));
  return args;
}

function absoluteSpecifier(flag: string, specifier: string): string {
  const isRequire = flag === '--require' || flag === '-r';
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const file = path.resolve(specifier);
    return isRequire ? file : pathToFileURL(file).href;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return specifier;
  // A bare package name (tsx): resolved from graphlb's own location, whose node_modules hold it.
  return isRequire ? createRequire(path.join(process.cwd(), 'index.js')).resolve(specifier) : import.meta.resolve(specifier);
}
