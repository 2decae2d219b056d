import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { engineMetricDefinitions } from '../../../../engine/server/metric-definitions.js';
import {
  parsePrometheusText,
  PrometheusTextError,
  sampleValue,
  type MetricFamily,
  type Sample,
} from '../../../../protocol/prometheus/prometheus-text.js';
import { Random } from '../../../support/random.js';

function sample(name: string, labels: Record<string, string>, value: number, timestampMs?: number): Sample {
  return { name, labels, value, timestampMs };
}

interface ValidCase {
  readonly title: string;
  readonly text: string;
  readonly families: MetricFamily[];
}

const valid: ValidCase[] = [
  { title: 'an empty body', text: '', families: [] },
  { title: 'only empty, blank and comment lines', text: '\n  \n\t\n# a comment\n#\n# HELPER x y\n#TYPEX\n', families: [] },
  {
    title: 'HELP text with \\\\ and \\n escapes, leading blanks skipped, other characters kept',
    text: '# HELP x \t  a\\\\b\\nc "quoted"\t?  \n',
    families: [{ name: 'x', type: 'untyped', help: 'a\\b\nc "quoted"\t?  ', samples: [] }],
  },
  {
    title: 'an empty HELP text',
    text: '# HELP x\n# HELP y   \n',
    families: [
      { name: 'x', type: 'untyped', help: '', samples: [] },
      { name: 'y', type: 'untyped', help: '', samples: [] },
    ],
  },
  {
    title: 'label values with \\\\, \\" and \\n escapes and characters that are syntax elsewhere',
    text: 'x{a="q\\"uo\\\\te\\nd",b="},{=# \u00e4\u6f22"} 1\n',
    families: [{ name: 'x', type: 'untyped', help: undefined, samples: [sample('x', { a: 'q"uo\\te\nd', b: '},{=# \u00e4\u6f22' }, 1)] }],
  },
  {
    title: 'labels in any order, a trailing comma, an empty label set and an empty value',
    text: 'x{z="1",a="2",} 1\nx{} 2\nx{a=""} 3\n',
    families: [{ name: 'x', type: 'untyped', help: undefined, samples: [sample('x', { z: '1', a: '2' }, 1), sample('x', {}, 2), sample('x', { a: '' }, 3)] }],
  },
  {
    title: 'blanks and tabs around every token, also inside the braces, and none after "}"',
    text: ' \t x \t { \ta \t= \t"1" \t, b="2" , } \t 7 \t 1000 \t\nx{a="3"}8\n',
    families: [{ name: 'x', type: 'untyped', help: undefined, samples: [sample('x', { a: '1', b: '2' }, 7, 1000), sample('x', { a: '3' }, 8)] }],
  },
  {
    title: 'values: +Inf, -Inf, Inf, infinity, NaN, exponents, signs, leading and trailing points',
    text: ['a +Inf', 'b -Inf', 'c Inf', 'd -infinity', 'e NaN', 'f nan', 'g 1e3', 'h -1.5E-2', 'i .5', 'j 5.', 'k +3', 'l -0', 'm 1.7976931348623157e308', ''].join('\n'),
    families: (
      [
        ['a', Infinity],
        ['b', -Infinity],
        ['c', Infinity],
        ['d', -Infinity],
        ['e', NaN],
        ['f', NaN],
        ['g', 1000],
        ['h', -0.015],
        ['i', 0.5],
        ['j', 5],
        ['k', 3],
        ['l', -0],
        ['m', Number.MAX_VALUE],
      ] as const
    ).map(([name, value]) => ({ name, type: 'untyped' as const, help: undefined, samples: [sample(name, {}, value)] })),
  },
  {
    title: 'timestamps in milliseconds, negative ones too',
    text: 'x 1 1700000000123\nx{a="b"} 2 -5\nx 3 +7\n',
    families: [{ name: 'x', type: 'untyped', help: undefined, samples: [sample('x', {}, 1, 1700000000123), sample('x', { a: 'b' }, 2, -5), sample('x', {}, 3, 7)] }],
  },
  {
    title: 'a histogram groups _bucket (with le), _sum and _count under the TYPE name',
    text: [
      '# HELP rpc_seconds Latency.',
      '# TYPE rpc_seconds histogram',
      'rpc_seconds_bucket{code="200",le="0.05"} 24054',
      'rpc_seconds_bucket{le="+Inf",code="200"} 144320',
      'rpc_seconds_sum{code="200"} 53423',
      'rpc_seconds_count{code="200"} 144320',
      '',
    ].join('\n'),
    families: [
      {
        name: 'rpc_seconds',
        type: 'histogram',
        help: 'Latency.',
        samples: [
          sample('rpc_seconds_bucket', { code: '200', le: '0.05' }, 24054),
          sample('rpc_seconds_bucket', { le: '+Inf', code: '200' }, 144320),
          sample('rpc_seconds_sum', { code: '200' }, 53423),
          sample('rpc_seconds_count', { code: '200' }, 144320),
        ],
      },
    ],
  },
  {
    title: 'a summary groups its quantiles, _sum and _count',
    text: '# TYPE s summary\ns{quantile="0.5"} 4\ns{quantile="0.99"} NaN\ns_sum 8\ns_count 2\n',
    families: [
      { name: 's', type: 'summary', help: undefined, samples: [sample('s', { quantile: '0.5' }, 4), sample('s', { quantile: '0.99' }, NaN), sample('s_sum', {}, 8), sample('s_count', {}, 2)] },
    ],
  },
  {
    title: 'a counter typed without _total takes its _total samples (and bare ones)',
    text: '# TYPE req counter\nreq_total{m="get"} 3\nreq{m="put"} 1\n',
    families: [{ name: 'req', type: 'counter', help: undefined, samples: [sample('req_total', { m: 'get' }, 3), sample('req', { m: 'put' }, 1)] }],
  },
  {
    title: "prom-client's counter form: TYPE and samples both named x_total",
    text: '# HELP req_total Requests.\n# TYPE req_total counter\nreq_total 3\n',
    families: [{ name: 'req_total', type: 'counter', help: 'Requests.', samples: [sample('req_total', {}, 3)] }],
  },
  {
    title: 'suffixed samples of a gauge or untyped family form families of their own',
    text: '# TYPE g gauge\ng 1\ng_total 2\ng_sum 3\n# TYPE c counter\nc_bucket 4\n',
    families: [
      { name: 'g', type: 'gauge', help: undefined, samples: [sample('g', {}, 1)] },
      { name: 'g_total', type: 'untyped', help: undefined, samples: [sample('g_total', {}, 2)] },
      { name: 'g_sum', type: 'untyped', help: undefined, samples: [sample('g_sum', {}, 3)] },
      { name: 'c', type: 'counter', help: undefined, samples: [] },
      { name: 'c_bucket', type: 'untyped', help: undefined, samples: [sample('c_bucket', {}, 4)] },
    ],
  },
  {
    title: 'a sample joins the family of its own name before a histogram of its base name',
    text: '# TYPE h histogram\n# TYPE h_count gauge\nh_count 5\nh_sum 1\n',
    families: [
      { name: 'h', type: 'histogram', help: undefined, samples: [sample('h_sum', {}, 1)] },
      { name: 'h_count', type: 'gauge', help: undefined, samples: [sample('h_count', {}, 5)] },
    ],
  },
  {
    title: 'TYPE before HELP, an explicit untyped, metric names with colons, HELP after samples',
    text: '# TYPE a:b untyped\n# HELP a:b first\na:b 1\nc 2\n# HELP c late\n',
    families: [
      { name: 'a:b', type: 'untyped', help: 'first', samples: [sample('a:b', {}, 1)] },
      { name: 'c', type: 'untyped', help: 'late', samples: [sample('c', {}, 2)] },
    ],
  },
  {
    title: 'samples of one family on lines apart are merged, as the reference parser does',
    text: '# TYPE a gauge\na 1\nb 2\na{x="y"} 3\n',
    families: [
      { name: 'a', type: 'gauge', help: undefined, samples: [sample('a', {}, 1), sample('a', { x: 'y' }, 3)] },
      { name: 'b', type: 'untyped', help: undefined, samples: [sample('b', {}, 2)] },
    ],
  },
  {
    title: 'no line feed after the last line',
    text: '# TYPE a gauge\na 1 5',
    families: [{ name: 'a', type: 'gauge', help: undefined, samples: [sample('a', {}, 1, 5)] }],
  },
];

interface ErrorCase {
  readonly title: string;
  readonly text: string;
  readonly line: number;
  readonly message: RegExp;
}

const errors: ErrorCase[] = [
  { title: 'CRLF line endings', text: '# TYPE a gauge\r\na 1\r\n', line: 1, message: /carriage return .*expected lines ending with \\n only/ },
  { title: 'CRLF on a sample line', text: 'a 1\nb 2\r\n', line: 2, message: /carriage return/ },
  { title: 'a second TYPE line', text: '# TYPE a gauge\na 1\n# TYPE a gauge\n', line: 3, message: /second TYPE line for a \(the first is line 1\)/ },
  { title: 'a second TYPE line before samples', text: '# TYPE a gauge\n# TYPE a counter\n', line: 2, message: /second TYPE line for a/ },
  { title: 'a TYPE line after samples', text: 'a 1\n# TYPE a gauge\n', line: 2, message: /TYPE line for a after its samples \(from line 1\); expected the HELP and TYPE lines before/ },
  { title: 'a TYPE line after the _bucket samples', text: 'h_bucket{le="1"} 1\n# TYPE h histogram\n', line: 2, message: /TYPE line for h after its samples h_bucket \(from line 1\)/ },
  { title: 'a TYPE line after the _total samples', text: 'c_total 1\n# TYPE c counter\n', line: 2, message: /after its samples c_total/ },
  { title: 'a second HELP line', text: '# HELP a one\n# HELP a two\n', line: 2, message: /second HELP line for a \(the first is line 1\)/ },
  { title: 'an unknown type', text: '# TYPE a meter\n', line: 1, message: /unknown metric type "meter" for a; expected one of counter, gauge/ },
  { title: 'an upper-case type', text: '# TYPE a COUNTER\n', line: 1, message: /unknown metric type "COUNTER"/ },
  { title: 'text after the type', text: '# TYPE a gauge extra\n', line: 1, message: /text after the type at "extra"/ },
  { title: 'a TYPE line without a type', text: '# TYPE a\n', line: 1, message: /TYPE line for a without a type/ },
  { title: 'a TYPE line without a name', text: '# TYPE\n', line: 1, message: /"# TYPE" without a metric name/ },
  { title: 'a HELP line without a name', text: '# HELP\n', line: 1, message: /"# HELP" without a metric name/ },
  { title: 'a HELP line with only blanks after HELP', text: '# HELP \n', line: 1, message: /no valid metric name here at the end of the line; expected a metric name after "# HELP"/ },
  { title: 'a bad metric name in TYPE', text: '# TYPE 1a gauge\n', line: 1, message: /no valid metric name here at "1a gauge"/ },
  { title: 'a metric name running into other characters in HELP', text: '# HELP a-b text\n', line: 1, message: /metric name a runs into other characters at "-b text"/ },
  { title: 'a metric name running into other characters in TYPE', text: '# TYPE a-b gauge\n', line: 1, message: /metric name a runs into other characters/ },
  { title: 'an invalid escape in HELP', text: '# HELP a tab\\there\n', line: 1, message: /invalid escape in HELP text at "\\\\there"; expected only/ },
  { title: 'a trailing backslash in HELP', text: '# HELP a text\\\n', line: 1, message: /invalid escape in HELP text/ },
  { title: 'a sample name starting with a digit', text: 'a 1\n1a 1\n', line: 2, message: /no valid metric name here at "1a 1"; expected a metric name/ },
  { title: 'a sample name running into other characters', text: 'a-b 1\n', line: 1, message: /metric name a runs into other characters at "-b 1"/ },
  { title: 'a sample without a value', text: 'a\n', line: 1, message: /the sample a has no value/ },
  { title: 'a sample with labels and no value', text: 'a{b="c"}  \n', line: 1, message: /the sample a has no value/ },
  { title: 'a word as value', text: 'a abc\n', line: 1, message: /the value "abc" of a is not a number; expected a decimal float/ },
  { title: 'a hexadecimal value', text: 'a 0x10\n', line: 1, message: /value "0x10"/ },
  { title: 'an exponent without digits', text: 'a 1e\n', line: 1, message: /value "1e"/ },
  { title: 'two signs', text: 'a --1\n', line: 1, message: /value "--1"/ },
  { title: 'a signed NaN', text: 'a +NaN\n', line: 1, message: /value "\+NaN"/ },
  { title: 'an underscore in a value', text: 'a 1_000\n', line: 1, message: /value "1_000"/ },
  { title: 'a lone point', text: 'a .\n', line: 1, message: /value "\."/ },
  { title: 'a value out of the float range', text: 'a 1e400\n', line: 1, message: /value "1e400"/ },
  { title: 'a fractional timestamp', text: 'a 1 1.5\n', line: 1, message: /the timestamp "1.5" of a is not an integer/ },
  { title: 'a timestamp beyond the safe integers', text: 'a 1 99999999999999999\n', line: 1, message: /the timestamp "99999999999999999"/ },
  { title: 'a lone sign as timestamp', text: 'a 1 -\n', line: 1, message: /the timestamp "-"/ },
  { title: 'text after the timestamp', text: 'a 1 2 3\n', line: 1, message: /text after the timestamp at "3"/ },
  { title: 'an unclosed label set', text: 'a{b="c" 1\n', line: 1, message: /unexpected text after the value of label b at "1"; expected "," or "}"/ },
  { title: 'a label set cut by the line end', text: 'a{b="c",\n', line: 1, message: /label set is not closed/ },
  { title: 'a label without "="', text: 'a{b "c"} 1\n', line: 1, message: /expected "=" after the label name b/ },
  { title: 'an unquoted label value', text: 'a{b=c} 1\n', line: 1, message: /expected a quoted value after b=/ },
  { title: 'an invalid escape in a label value', text: 'a{b="x\\ty"} 1\n', line: 1, message: /invalid escape in the value of label b/ },
  { title: 'a label value without closing quote', text: 'a{b="x} 1\n', line: 1, message: /the value of label b has no closing quote/ },
  { title: 'an escaped closing quote and no other', text: 'a{b="x\\"} 1\n', line: 1, message: /no closing quote/ },
  { title: 'a label name twice', text: 'a{b="1",b="2"} 1\n', line: 1, message: /the label b appears twice/ },
  { title: 'the reserved label __name__', text: 'a{__name__="a"} 1\n', line: 1, message: /label name __name__ is reserved/ },
  { title: 'a lone comma in the label set', text: 'a{,} 1\n', line: 1, message: /label name starts with an invalid character at ",} 1"/ },
  { title: 'two commas', text: 'a{b="1",,} 1\n', line: 1, message: /label name starts with an invalid character/ },
  { title: 'a label name starting with a digit', text: 'a{1b="1"} 1\n', line: 1, message: /label name starts with an invalid character/ },
  { title: 'a colon in a label name', text: 'a{b:c="1"} 1\n', line: 1, message: /expected "=" after the label name b/ },
  { title: 'labels without a comma between them', text: 'a{b="1" c="2"} 1\n', line: 1, message: /after the value of label b at "c=/ },
  { title: 'a bucket without le', text: '# TYPE h histogram\nh_bucket{x="1"} 1\n', line: 2, message: /h_bucket of histogram h has no le label/ },
  { title: 'a bucket with a non-numeric le', text: '# TYPE h histogram\nh_bucket{le="big"} 1\n', line: 2, message: /le label of h_bucket is "big", not a number/ },
  { title: 'a histogram sample without suffix', text: '# TYPE h histogram\nh 1\n', line: 2, message: /sample h in histogram h has no suffix/ },
  { title: 'a summary sample without quantile', text: '# TYPE s summary\ns 1\n', line: 2, message: /s of summary s has no quantile label/ },
  { title: 'a summary with a non-numeric quantile', text: '# TYPE s summary\ns{quantile="p99"} 1\n', line: 2, message: /quantile label of s is "p99"/ },
];

describe('parsePrometheusText', () => {
  for (const { title, text, families } of valid) {
    it(`reads ${title}`, () => {
      assert.deepEqual(parsePrometheusText(text), families);
    });
  }

  for (const { title, text, line, message } of errors) {
    it(`rejects ${title}, naming line ${line}`, () => {
      assert.throws(
        () => parsePrometheusText(text),
        (error: unknown) => {
          assert.ok(error instanceof PrometheusTextError, `a PrometheusTextError, got ${String(error)}`);
          assert.equal(error.code, 'GRAPHLB_PROMETHEUS_TEXT');
          assert.equal(error.line, line);
          assert.match(error.message, new RegExp(`^line ${line}: .+; expected .+`));
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  it('keeps a label named __proto__ as an ordinary key', () => {
    const [family] = parsePrometheusText('a{__proto__="x",constructor="y"} 1\n');
    const labels = family?.samples[0]?.labels ?? {};
    assert.deepEqual(Object.keys(labels), ['__proto__', 'constructor']);
    assert.equal(labels['__proto__'], 'x');
    assert.equal(Object.getPrototypeOf(labels), Object.prototype);
  });

  it('cuts a long offending text short in the message', () => {
    assert.throws(() => parsePrometheusText(`a ${'9'.repeat(10_000)}x\n`), (error: unknown) => {
      assert.ok(error instanceof PrometheusTextError);
      assert.ok(error.message.length < 400, error.message);
      return true;
    });
  });

  it('reads a megabyte-long label value and rejects an unterminated one in linear time', () => {
    const long = 'x\\"'.repeat(400_000);
    const startedMs = performance.now();
    const [family] = parsePrometheusText(`a{b="${long}"} 1\n`);
    assert.equal(family?.samples[0]?.labels['b']?.length, 800_000);
    assert.throws(() => parsePrometheusText(`a{b="${long}} 1\n`), /no closing quote/);
    assert.throws(() => parsePrometheusText(`a{${'b="",'.repeat(100_000)}\n`), /appears twice/);
    assert.ok(performance.now() - startedMs < 2000, 'took under 2s');
  });

  it('reads what a running graphlb engine exposes (test/fixtures/prometheus/engine-metrics.txt)', () => {
    const text = fs.readFileSync(new URL('../../../fixtures/prometheus/engine-metrics.txt', import.meta.url), 'utf8');
    const families = parsePrometheusText(text);
    const declared = text.split('\n').filter((line) => line.startsWith('# TYPE ')).map((line) => line.split(' ').slice(2, 4));
    assert.deepEqual(families.map((f) => [f.name, f.type]), declared, 'one family per TYPE line, in order, of that type');
    for (const [name, definition] of Object.entries(engineMetricDefinitions)) {
      const family = families.find((f) => f.name === name);
      assert.ok(family, `${name} is there`);
      assert.equal(family.type, definition.type);
      assert.equal(family.help, definition.help);
    }
    const commits = families.find((f) => f.name === 'graphlb_engine_commit_duration_seconds');
    assert.ok(commits && commits.samples.some((s) => s.name.endsWith('_bucket') && s.labels['le'] === '+Inf'));
    assert.equal(sampleValue(families, 'neo4j_transaction_committed_total'), 0);
    assert.ok((sampleValue(families, 'process_resident_memory_bytes') ?? 0) > 0);
  });

  it("reads prom-client's output with a histogram, a summary, counters and a gauge, escapes included", async () => {
    const registry = new Registry();
    const awkward = 'q"uote\\back\nline }{,=';
    const histogram = new Histogram({ name: 'h_seconds', help: 'Help with \\ and\nnewline.', labelNames: ['path'], buckets: [0.1, 1], registers: [registry] });
    histogram.observe({ path: awkward }, 0.5);
    const summary = new Summary({ name: 's_bytes', help: 'S.', percentiles: [0.5, 0.99], registers: [registry] });
    summary.observe(3);
    summary.observe(5);
    new Counter({ name: 'c_total', help: 'C.', registers: [registry] }).inc(2);
    new Gauge({ name: 'g', help: 'G.', labelNames: ['a', 'b'], registers: [registry] }).set({ b: '2', a: '1' }, -Infinity);
    const families = parsePrometheusText(await registry.metrics());
    assert.deepEqual(families, [
      {
        name: 'h_seconds',
        type: 'histogram',
        help: 'Help with \\ and\nnewline.',
        samples: [
          sample('h_seconds_bucket', { le: '0.1', path: awkward }, 0),
          sample('h_seconds_bucket', { le: '1', path: awkward }, 1),
          sample('h_seconds_bucket', { le: '+Inf', path: awkward }, 1),
          sample('h_seconds_sum', { path: awkward }, 0.5),
          sample('h_seconds_count', { path: awkward }, 1),
        ],
      },
      { name: 's_bytes', type: 'summary', help: 'S.', samples: [sample('s_bytes', { quantile: '0.5' }, 4), sample('s_bytes', { quantile: '0.99' }, 5), sample('s_bytes_sum', {}, 8), sample('s_bytes_count', {}, 2)] },
      { name: 'c_total', type: 'counter', help: 'C.', samples: [sample('c_total', {}, 2)] },
      { name: 'g', type: 'gauge', help: 'G.', samples: [sample('g', { b: '2', a: '1' }, -Infinity)] },
    ]);
  });

  it('reads back random samples written with every escape (round trip)', () => {
    const seed = Number(process.env['PROMETHEUS_TEXT_SEED'] ?? Date.now() % 1_000_000);
    const random = new Random(seed);
    const specials = ['\\', '"', '\n', '{', '}', ',', '=', '#', ' ', '\t', 'x'];
    const blank = (): string => random.pick(['', ' ', '\t', '  \t']);
    for (let round = 0; round < 300; round++) {
      const expected: Sample[] = [];
      let text = '# TYPE m untyped\n';
      const count = 1 + random.int(5);
      for (let n = 0; n < count; n++) {
        const labels: Record<string, string> = {};
        const labelCount = random.int(4);
        for (let l = 0; l < labelCount; l++) {
          let value = '';
          const parts = random.int(6);
          for (let p = 0; p < parts; p++) value += random.chance(0.5) ? random.pick(specials) : random.string(4);
          labels[`${random.pick(['l', '_', 'L9_'])}${l}`] = value;
        }
        const value = random.pick([Infinity, -Infinity, NaN, 0, random.next() * 1e6 - 5e5, Math.floor(random.next() * 1e9), random.next() * 1e-300]);
        const timestampMs = random.chance(0.5) ? Math.floor(random.next() * 2e12) - 1e11 : undefined;
        expected.push(sample('m', labels, value, timestampMs));
        const pairs = Object.entries(labels).map(([key, v]) => `${blank()}${key}${blank()}=${blank()}"${escapeLabelValue(v)}"${blank()}`);
        const labelText = pairs.length === 0 && random.chance(0.5) ? '' : `{${pairs.join(',')}${pairs.length > 0 && random.chance(0.3) ? ',' : ''}}`;
        text += `${blank()}m${blank()}${labelText}${labelText === '' ? ' ' : blank()}${formatValue(value)}${timestampMs === undefined ? '' : ` ${blank()}${timestampMs}`}${blank()}\n`;
      }
      assert.deepEqual(parsePrometheusText(text), [{ name: 'm', type: 'untyped', help: undefined, samples: expected }], `seed ${seed}, round ${round}:\n${text}`);
    }
  });
});

function escapeLabelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
