/**
 * `=~`: the whole string must match a Java regular expression (Neo4j uses
 * java.util.regex). JavaScript's syntax is close; the common differences are translated:
 * leading inline flags `(?i)` `(?s)` `(?m)` `(?u)`, `\Q...\E` quoting, `\A` `\z` `\Z`,
 * possessive quantifiers (matched greedily) and the POSIX classes `\p{Alpha}` & co.
 */
import { argumentError } from '../query-errors.js';

const CACHE_SIZE = 256;
const cache = new Map<string, RegExp>();

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

/** The compiled full-match form of a Java pattern; throws ArgumentError for an invalid one. */
export function fullMatchRegex(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (regex !== undefined) return regex;
  regex = translate(pattern);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, regex);
  return regex;
}

function translate(pattern: string): RegExp {
  let flags = '';
  let source = pattern;
  const inline = /^\(\?([imsux]+)\)/.exec(source);
  if (inline !== null) {
    for (const flag of inline[1]!) if (flag !== 'x' && flag !== 'u' && !flags.includes(flag)) flags += flag;
    source = source.slice(inline[0].length);
  }
  source = javaToJavaScript(source);
  // Unicode property escapes need the u flag, which is stricter about other escapes.
  if (/\\[pP]\{/.test(source)) flags += 'u';
  try {
    // Anchored at both ends of the input whatever the m flag says, as Java's matches() is.
    return new RegExp(`(?<![\\s\\S])(?:${source})(?![\\s\\S])`, flags);
  } catch (error) {
    throw argumentError(`Invalid Regex: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

function javaToJavaScript(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; ) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1];
      if (next === 'Q') {
        let end = source.indexOf('\\E', i + 2);
        if (end < 0) end = source.length;
        out += source.slice(i + 2, end).replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end + 2;
        continue;
      }
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && (next === 'z' || next === 'Z')) out += '$';
      else if (next === 'p' || next === 'P') {
        const posix = /^\{(?:Is)?(\w+)\}/.exec(source.slice(i + 2));
        const range = posix === null ? undefined : POSIX_CLASSES[posix[1]!];
        if (posix !== null && range !== undefined) {
          out += inClass ? range : next === 'p' ? `[${range}]` : `[^${range}]`;
          i += 2 + posix[0].length;
          continue;
        }
        out += char + next;
      } else out += char + (next ?? '');
      i += 2;
      continue;
    }
    out += char;
    i++;
    if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
      // A ']' right after '[' or '[^' is a literal in Java.
      if (source[i] === '^') out += source[i++];
      if (source[i] === ']') out += '\\' + source[i++];
    } else if ((char === '*' || char === '+' || char === '?' || char === '}') && source[i] === '+') {
      i++; // possessive quantifier: matched greedily
    }
  }
  return out;
}
