/**
 * A parser for the Prometheus text exposition format 0.0.4
 * (prometheus/docs content/docs/instrumenting/exposition_formats.md), with the edge cases
 * of the reference parser (prometheus/common expfmt text_parse.go):
 *
 * - Lines end with `\n`. A line ending in `\r` (a CRLF body) is rejected with an error
 *   that says so: the format allows `\n` only, and a silent accept would hide a broken
 *   exporter. A missing `\n` after the last line is accepted, as the reference parser does.
 * - Empty lines and blank/tab-only lines are ignored; blanks and tabs may surround every
 *   token, also inside `{...}`.
 * - `# HELP name text` (escapes `\\` and `\n`), `# TYPE name type` (counter, gauge,
 *   histogram, summary, untyped); any other `#` line is a comment. A second HELP or TYPE
 *   for a name, or a TYPE after samples of its family, is an error.
 * - Samples: `name{label="value",...} value [timestamp]`. Label values take the escapes
 *   `\\`, `\"` and `\n`; labels come in any order; a trailing comma and `{}` are allowed;
 *   a label name twice, or `__name__`, is an error. Values are decimal floats with an
 *   optional exponent, `+Inf`/`-Inf`/`Inf`/`Infinity` (any case, like Go's ParseFloat)
 *   and `NaN`; timestamps are integer milliseconds, within JavaScript's safe integers.
 *   Go's hexadecimal floats (`0x1p-3`) are rejected.
 * - Families: a sample joins the family of its own name first; failing that `x_bucket`,
 *   `x_sum` and `x_count` join histogram `x`, `x_sum` and `x_count` join summary `x`, and
 *   `x_total` joins counter `x` (so both `# TYPE x counter` with `x_total` samples and
 *   prom-client's `# TYPE x_total counter` work). Other samples form an untyped family.
 *   Histogram buckets need a float `le`, summary quantiles a float `quantile`. Samples of
 *   one family on non-adjacent lines are merged into it, as the reference parser does.
 * - Not checked: duplicate samples (same name and labels), bucket order and monotonicity.
 *
 * The scan is linear: every character is looked at a bounded number of times, with no
 * regular expressions, so a hostile or huge line costs its length and nothing more.
 */
import type { MetricFamily, MetricFamilyType, Sample } from './metric-family.js';
import { PrometheusTextError } from './prometheus-text-error.js';

export type { MetricFamily, MetricFamilyType, Sample } from './metric-family.js';
export { PrometheusTextError } from './prometheus-text-error.js';
export { sampleValue } from './sample-value.js';

const TAB = 9;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const EQUALS = 61;
const BACKSLASH = 92;
const UNDERSCORE = 95;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const familyTypes: ReadonlySet<string> = new Set<MetricFamilyType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Sample-name suffixes that may join a family of each type declared under the bare name. */
const memberSuffixes: Readonly<Record<MetricFamilyType, readonly string[]>> = {
  counter: ['_total'],
  gauge: [],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
  untyped: [],
};

const shownTextChars = 40;

interface FamilyBuilder {
  readonly name: string;
  type: MetricFamilyType | undefined;
  /** Line of the TYPE line, 0 when the family has none. */
  typeLine: number;
  helpLine: number;
  help: string | undefined;
  firstSampleLine: number;
  readonly samples: Sample[];
}

/** Parses a whole scrape body; throws {@link PrometheusTextError} at the first bad line. */
export function parsePrometheusText(text: string): MetricFamily[] {
  return new TextParser(text).parse();
}

class TextParser {
  readonly #text: string;
  readonly #families = new Map<string, FamilyBuilder>();
  /** Start of the current line's unread part; always within [lineStart, lineEnd]. */
  #pos = 0;
  #lineEnd = 0;
  #lineNumber = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): MetricFamily[] {
    const text = this.#text;
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      this.#lineEnd = newline === -1 ? text.length : newline;
      this.#lineNumber++;
      this.#pos = start;
      this.#line();
      start = this.#lineEnd + 1;
    }
    const families: MetricFamily[] = [];
    for (const family of this.#families.values()) {
      families.push({ name: family.name, type: family.type ?? 'untyped', help: family.help, samples: family.samples });
    }
    return families;
  }

  #line(): void {
    if (this.#lineEnd > this.#pos && this.#text.charCodeAt(this.#lineEnd - 1) === CR) {
      this.#fail('the line ends with a carriage return (CRLF line ending)', 'lines ending with \\n only, as the text format 0.0.4 requires');
    }
    this.#skipBlanks();
    if (this.#atEnd()) return;
    if (this.#text.charCodeAt(this.#pos) === HASH) {
      this.#pos++;
      this.#comment();
    } else {
      this.#sample();
    }
  }

  #comment(): void {
    this.#skipBlanks();
    const keyword = this.#readUntilBlank();
    if (keyword !== 'HELP' && keyword !== 'TYPE') return;
    if (!this.#skipBlanks()) this.#fail(`"# ${keyword}" without a metric name`, `"# ${keyword} <metric name> ..."`);
    const name = this.#readMetricName(`a metric name after "# ${keyword}"`);
    if (keyword === 'HELP') this.#help(name);
    else this.#type(name);
  }

  #help(name: string): void {
    const family = this.#family(name);
    if (family.help !== undefined) {
      this.#fail(`a second HELP line for ${name} (the first is line ${family.helpLine})`, 'at most one HELP line per metric family');
    }
    if (!this.#atEnd() && !this.#skipBlanks()) this.#failHere(`the metric name ${name} runs into other characters`, 'a blank or tab after the metric name');
    family.help = this.#readHelpText();
    family.helpLine = this.#lineNumber;
  }

  #type(name: string): void {
    if (!this.#skipBlanks()) {
      if (this.#atEnd()) this.#fail(`a TYPE line for ${name} without a type`, 'one of counter, gauge, histogram, summary, untyped after the name');
      this.#failHere(`the metric name ${name} runs into other characters`, 'a blank or tab after the metric name');
    }
    const type = this.#readUntilBlank();
    if (!familyTypes.has(type)) {
      this.#fail(`unknown metric type ${JSON.stringify(type)} for ${name}`, 'one of counter, gauge, histogram, summary, untyped (lower case)');
    }
    this.#skipBlanks();
    if (!this.#atEnd()) this.#failHere('text after the type', 'the end of the line after "# TYPE <name> <type>"');
    const family = this.#family(name);
    if (family.typeLine !== 0) {
      this.#fail(`a second TYPE line for ${name} (the first is line ${family.typeLine})`, 'one TYPE line per metric family');
    }
    if (family.samples.length > 0) {
      this.#fail(`a TYPE line for ${name} after its samples (from line ${family.firstSampleLine})`, 'the HELP and TYPE lines before the first sample of their family');
    }
    for (const suffix of memberSuffixes[type as MetricFamilyType]) {
      const early = this.#families.get(name + suffix);
      if (early !== undefined && early.typeLine === 0 && early.samples.length > 0) {
        this.#fail(`a TYPE line for ${name} after its samples ${name + suffix} (from line ${early.firstSampleLine})`, 'the HELP and TYPE lines before the first sample of their family');
      }
    }
    family.type = type as MetricFamilyType;
    family.typeLine = this.#lineNumber;
  }

  #sample(): void {
    const name = this.#readMetricName('a metric name, "#" or an empty line');
    const text = this.#text;
    const blankAfterName = this.#skipBlanks();
    let labels: Record<string, string> = {};
    if (!this.#atEnd() && text.charCodeAt(this.#pos) === OPEN_BRACE) {
      this.#pos++;
      labels = this.#readLabels();
      this.#skipBlanks();
    } else if (!blankAfterName && !this.#atEnd()) {
      this.#failHere(`the metric name ${name} runs into other characters`, 'a blank, a tab or "{" after the metric name');
    }
    if (this.#atEnd()) this.#fail(`the sample ${name} has no value`, 'a value (a float, +Inf, -Inf or NaN) after the name and labels');
    const valueStart = this.#pos;
    const valueText = this.#readUntilBlank();
    const value = parseValue(text, valueStart, this.#pos);
    if (value === undefined) {
      this.#fail(`the value ${quote(valueText)} of ${name} is not a number`, 'a decimal float such as 1, -0.5 or 1.5e-3, or +Inf, -Inf or NaN');
    }
    let timestampMs: number | undefined;
    if (this.#skipBlanks() && !this.#atEnd()) {
      const timestampText = this.#readUntilBlank();
      timestampMs = parseTimestamp(timestampText);
      if (timestampMs === undefined) {
        this.#fail(`the timestamp ${quote(timestampText)} of ${name} is not an integer`, 'an integer count of milliseconds since the epoch, or nothing');
      }
      this.#skipBlanks();
      if (!this.#atEnd()) this.#failHere('text after the timestamp', 'the end of the line after "<name>{labels} <value> <timestamp>"');
    }
    this.#addSample({ name, labels, value, timestampMs });
  }

  #addSample(sample: Sample): void {
    const family = this.#familyOfSample(sample.name);
    if (family.samples.length === 0) family.firstSampleLine = this.#lineNumber;
    family.type ??= 'untyped';
    const { name } = sample;
    switch (family.type) {
      case 'histogram':
        if (name === `${family.name}_bucket`) this.#requireFloatLabel(sample, 'le', family);
        else if (name === family.name) this.#fail(`the sample ${name} in histogram ${family.name} has no suffix`, `${name}_bucket{le="..."}, ${name}_sum or ${name}_count`);
        break;
      case 'summary':
        if (name === family.name) this.#requireFloatLabel(sample, 'quantile', family);
        break;
      default:
        break;
    }
    family.samples.push(sample);
  }

  #requireFloatLabel(sample: Sample, label: string, family: FamilyBuilder): void {
    const text = Object.hasOwn(sample.labels, label) ? sample.labels[label] : undefined;
    if (text === undefined) {
      this.#fail(`the sample ${sample.name} of ${family.type} ${family.name} has no ${label} label`, `a ${label}="<float>" label on every ${sample.name} sample`);
    }
    if (parseValue(text, 0, text.length) === undefined) {
      this.#fail(`the ${label} label of ${sample.name} is ${quote(text)}, not a number`, `a float ${label} such as "0.5" or "+Inf"`);
    }
  }

  /** The family a sample with this name belongs to; see the rules at the top of the file. */
  #familyOfSample(name: string): FamilyBuilder {
    const own = this.#families.get(name);
    if (own !== undefined) return own;
    const underscore = name.lastIndexOf('_');
    if (underscore > 0) {
      const base = this.#families.get(name.slice(0, underscore));
      if (base?.type !== undefined && memberSuffixes[base.type].includes(name.slice(underscore))) return base;
    }
    return this.#family(name);
  }

  #family(name: string): FamilyBuilder {
    let family = this.#families.get(name);
    if (family === undefined) {
      family = { name, type: undefined, typeLine: 0, helpLine: 0, help: undefined, firstSampleLine: 0, samples: [] };
      this.#families.set(name, family);
    }
    return family;
  }

  /** Reads `name="value", ...}` after the `{`, up to and including the `}`. */
  #readLabels(): Record<string, string> {
    const text = this.#text;
    const labels: Record<string, string> = {};
    for (;;) {
      this.#skipBlanks();
      if (this.#atEnd()) this.#fail('the label set is not closed', 'a label name or "}"');
      if (text.charCodeAt(this.#pos) === CLOSE_BRACE) {
        this.#pos++;
        return labels;
      }
      const nameStart = this.#pos;
      while (!this.#atEnd() && isLabelNameChar(text.charCodeAt(this.#pos), this.#pos === nameStart)) this.#pos++;
      if (this.#pos === nameStart) this.#failHere('a label name starts with an invalid character', 'a label name ([a-zA-Z_][a-zA-Z0-9_]*) or "}"');
      const name = text.slice(nameStart, this.#pos);
      if (name === '__name__') this.#fail('the label name __name__ is reserved', 'other label names; the metric name goes before "{"');
      if (Object.hasOwn(labels, name)) this.#fail(`the label ${name} appears twice`, 'each label name at most once per sample');
      this.#skipBlanks();
      this.#expect(EQUALS, `"=" after the label name ${name}`);
      this.#skipBlanks();
      this.#expect(QUOTE, `a quoted value after ${name}=`);
      // defineProperty, because assigning to "__proto__" (a valid label name) would not create a key.
      Object.defineProperty(labels, name, { value: this.#readLabelValue(name), enumerable: true, writable: true, configurable: true });
      this.#skipBlanks();
      if (this.#atEnd()) this.#fail('the label set is not closed', '"," or "}" after a label value');
      const next = text.charCodeAt(this.#pos);
      if (next === COMMA) this.#pos++;
      else if (next !== CLOSE_BRACE) this.#failHere(`unexpected text after the value of label ${name}`, '"," or "}" after a label value');
    }
  }

  /** Reads a label value after its opening quote, up to and including the closing quote. */
  #readLabelValue(label: string): string {
    const text = this.#text;
    let value = '';
    let runStart = this.#pos;
    while (this.#pos < this.#lineEnd) {
      const c = text.charCodeAt(this.#pos);
      if (c === QUOTE) {
        value += text.slice(runStart, this.#pos);
        this.#pos++;
        return value;
      }
      if (c === BACKSLASH) {
        value += text.slice(runStart, this.#pos);
        const escaped = this.#pos + 1 < this.#lineEnd ? text.charCodeAt(this.#pos + 1) : -1;
        if (escaped === BACKSLASH) value += '\\';
        else if (escaped === QUOTE) value += '"';
        else if (escaped === 110 /* n */) value += '\n';
        else this.#failHere(`an invalid escape in the value of label ${label}`, 'only \\\\, \\" and \\n after a backslash in a label value');
        this.#pos += 2;
        runStart = this.#pos;
      } else {
        this.#pos++;
      }
    }
    this.#fail(`the value of label ${label} has no closing quote`, 'a label value ending with " on the same line');
  }

  /** Reads the rest of the line as HELP text with its escapes. */
  #readHelpText(): string {
    const text = this.#text;
    let help = '';
    let runStart = this.#pos;
    while (this.#pos < this.#lineEnd) {
      if (text.charCodeAt(this.#pos) !== BACKSLASH) {
        this.#pos++;
        continue;
      }
      help += text.slice(runStart, this.#pos);
      const escaped = this.#pos + 1 < this.#lineEnd ? text.charCodeAt(this.#pos + 1) : -1;
      if (escaped === BACKSLASH) help += '\\';
      else if (escaped === 110 /* n */) help += '\n';
      else this.#failHere('an invalid escape in HELP text', 'only \\\\ and \\n after a backslash in HELP text');
      this.#pos += 2;
      runStart = this.#pos;
    }
    return help + text.slice(runStart, this.#lineEnd);
  }

  #readMetricName(expected: string): string {
    const text = this.#text;
    const start = this.#pos;
    while (!this.#atEnd() && isMetricNameChar(text.charCodeAt(this.#pos), this.#pos === start)) this.#pos++;
    if (this.#pos === start) this.#failHere('no valid metric name here', `${expected} ([a-zA-Z_:][a-zA-Z0-9_:]*)`);
    return text.slice(start, this.#pos);
  }

  #readUntilBlank(): string {
    const start = this.#pos;
    while (!this.#atEnd() && !isBlank(this.#text.charCodeAt(this.#pos))) this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  /** Skips blanks and tabs; true when it skipped any. */
  #skipBlanks(): boolean {
    const start = this.#pos;
    while (!this.#atEnd() && isBlank(this.#text.charCodeAt(this.#pos))) this.#pos++;
    return this.#pos > start;
  }

  #expect(code: number, expected: string): void {
    if (this.#atEnd() || this.#text.charCodeAt(this.#pos) !== code) this.#failHere('unexpected text', expected);
    this.#pos++;
  }

  #atEnd(): boolean {
    return this.#pos >= this.#lineEnd;
  }

  #fail(problem: string, expected: string): never {
    throw new PrometheusTextError(this.#lineNumber, problem, expected);
  }

  /** Fails quoting the text at the current position. */
  #failHere(problem: string, expected: string): never {
    const found = this.#atEnd() ? 'the end of the line' : quote(this.#text.slice(this.#pos, this.#lineEnd));
    this.#fail(`${problem} at ${found}`, expected);
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isLetterOrUnderscore(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === UNDERSCORE;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isMetricNameChar(c: number, first: boolean): boolean {
  return isLetterOrUnderscore(c) || c === COLON || (!first && isDigit(c));
}

function isLabelNameChar(c: number, first: boolean): boolean {
  return isLetterOrUnderscore(c) || (!first && isDigit(c));
}

/**
 * A sample value the way Go's strconv.ParseFloat reads it in base 10: an optional sign,
 * digits with an optional point, an optional exponent; or Inf/Infinity with an optional
 * sign, or NaN, in any case. Undefined for anything else, and for finite text too large
 * for a float64 (ParseFloat's range error).
 */
function parseValue(text: string, start: number, end: number): number | undefined {
  let i = start;
  const first = text.charCodeAt(i);
  if (first === PLUS || first === MINUS) i++;
  const word = end - i <= 8 ? text.slice(i, end).toLowerCase() : '';
  if (word === 'inf' || word === 'infinity') return first === MINUS ? -Infinity : Infinity;
  if (word === 'nan') return i === start ? NaN : undefined;
  const integerStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  let digits = i - integerStart;
  if (i < end && text.charCodeAt(i) === DOT) {
    const fractionStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    digits += i - fractionStart;
  }
  if (digits === 0) return undefined;
  if (i < end && (text.charCodeAt(i) | 0x20) === 101 /* e or E */) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === PLUS || sign === MINUS) i++;
    const exponentStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === exponentStart) return undefined;
  }
  if (i !== end) return undefined;
  const value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : undefined;
}

function parseTimestamp(text: string): number | undefined {
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === PLUS || first === MINUS) i++;
  if (i === text.length) return undefined;
  for (; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function quote(text: string): string {
  return JSON.stringify(text.length > shownTextChars ? `${text.slice(0, shownTextChars)}...` : text);
}
