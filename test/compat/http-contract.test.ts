/**
 * The request/response examples of Neo4j's HTTP API manual (3.5 and 4.4, plus two 5.x
 * pages), written down in test/compat/fixtures/ with the page each comes from, replayed
 * against real engines: one without authentication, one with (the security pages, in
 * file order, from the default password on).
 *
 * A fixture is a list of exchanges; an exchange without an expected response is a step
 * (opening the transaction that the next example uses: `{tx}` in a path is the id of the
 * last Location). `setup` statements run first and their first row's columns fill
 * `"$name"` parameter values. What the manual cannot fix is normalised on both sides
 * before comparing: the scheme and authority of URLs, transaction ids in URLs, the
 * expiry date (checked against the family's format), node and relationship ids (renamed
 * in order of appearance, so references between meta and graph still have to agree),
 * the text of bookmarks, values listed under `ignore`, and with `"messages":
 * "from-position"` the part of an error message before its position (Neo4j's parser
 * words its expectations differently). lastBookmarks, which graphlb adds to every
 * commit, is only compared where the manual shows it. The order of the top-level keys is
 * compared too: it is how the two families differ.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { HttpEngine, transactionIdOf, type Answer } from '../integration/http-engine.js';

interface Exchange {
  readonly request: { readonly method: string; readonly path: string; readonly headers?: Record<string, string>; readonly body?: unknown };
  readonly response: { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown } | null;
  readonly ignore?: readonly string[];
  readonly messages?: 'exact' | 'from-position';
}

interface Fixture {
  readonly source: string;
  readonly description: string;
  readonly engine: 'open' | 'auth';
  readonly setup?: readonly { readonly statement: string }[];
  readonly exchanges: readonly Exchange[];
}

const fixtureDir = new URL('./fixtures/', import.meta.url);
const fixtures = fs
  .readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, fixture: JSON.parse(fs.readFileSync(new URL(name, fixtureDir), 'utf8')) as Fixture }));

const v3Expires = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$/;
const v4Expires = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

describe('the HTTP API answers like the examples of Neo4j\'s manual', () => {
  const engines: Partial<Record<Fixture['engine'], HttpEngine>> = {};

  before(async () => {
    [engines.open, engines.auth] = await Promise.all([HttpEngine.start(), HttpEngine.start({ 'dbms.security.auth_enabled': 'true' })]);
  });

  after(async () => {
    await Promise.all(Object.values(engines).map((engine) => engine.stop()));
  });

  it('has fixtures for both API families, each naming its source', () => {
    assert.ok(fixtures.filter(({ name }) => name.startsWith('v3-')).length >= 10);
    assert.ok(fixtures.filter(({ name }) => name.startsWith('v4-')).length >= 10);
    for (const { name, fixture } of fixtures) assert.match(fixture.source, /^https:\/\/neo4j\.com\/docs\/http-api\/.+ \(github\.com\/neo4j\/docs-http-api, branch /, name);
  });

  for (const { name, fixture } of fixtures) {
    it(`${name}: ${fixture.description}`, async () => {
      const engine = engines[fixture.engine];
      assert.ok(engine);
      const captured = new Map<string, unknown>();
      for (const { statement } of fixture.setup ?? []) {
        const answer = await engine.run(statement);
        const result = answer.json.results[0];
        result?.columns.forEach((column, i) => captured.set(column, result.data[0]?.row?.[i]));
      }
      let tx: number | undefined;
      let lastBookmarks: readonly string[] | undefined;
      for (const [index, exchange] of fixture.exchanges.entries()) {
        const request = exchange.request;
        const path = request.path.replace('{tx}', () => String(tx ?? assert.fail(`${name}: {tx} before any Location`)));
        const headers = Object.fromEntries(
          Object.entries(request.headers ?? {}).map(([header, value]) => [header, value === '{lastBookmarks}' ? JSON.stringify(lastBookmarks) : value]),
        );
        const answer = await engine.request(request.method, path, { body: fill(request.body, captured), headers });
        if (answer.headers.location !== undefined) tx = transactionIdOf(answer.headers.location);
        if (Array.isArray(answer.json.lastBookmarks)) lastBookmarks = answer.json.lastBookmarks;
        if (exchange.response === null) {
          assert.ok(answer.status < 300, `${name}, step ${index}: ${answer.status} ${answer.text}`);
          continue;
        }
        compare(`${name}, exchange ${index}`, exchange, answer);
      }
    });
  }
});

function compare(where: string, exchange: Exchange, answer: Answer): void {
  const expected = exchange.response!;
  assert.equal(answer.status, expected.status, `${where}: status; body ${answer.text}`);
  for (const [header, value] of Object.entries(expected.headers ?? {})) {
    const actual = answer.headers[header.toLowerCase()];
    assert.ok(typeof actual === 'string', `${where}: header ${header} is present`);
    if (header === 'Content-Type') assert.equal(actual.split(';')[0], value.split(';')[0], `${where}: ${header}`);
    else assert.equal(normaliseText(actual), normaliseText(value), `${where}: ${header}`);
  }
  if (expected.body === undefined) return;
  const wanted = normalise(expected.body, exchange);
  const got = normalise(answer.json, exchange);
  if (typeof wanted === 'object' && wanted !== null && !('lastBookmarks' in wanted) && typeof got === 'object' && got !== null) {
    delete (got as Record<string, unknown>)['lastBookmarks'];
  }
  assert.deepEqual(got, wanted, `${where}: body ${answer.text}`);
  assert.deepEqual(Object.keys(got as object), Object.keys(wanted as object), `${where}: order of the top-level keys`);
}

/** Replaces `"$name"` strings by the values the setup captured. */
function fill(value: unknown, captured: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string' && value.startsWith('$') && captured.has(value.slice(1))) return captured.get(value.slice(1));
  if (Array.isArray(value)) return value.map((item) => fill(item, captured));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, captured)]));
  return value;
}

function normalise(body: unknown, exchange: Exchange): unknown {
  const copy = structuredClone(body) as unknown;
  for (const path of exchange.ignore ?? []) setPath(copy, path.split('.'), 'IGNORED');
  const ids = new Map<string, string>();
  return walk(copy, [], ids, exchange);
}

function walk(value: unknown, path: readonly string[], ids: Map<string, string>, exchange: Exchange): unknown {
  const key = path.at(-1);
  if (typeof value === 'string') {
    if (key === 'expires') {
      assert.ok(v3Expires.test(value) || v4Expires.test(value), `an RFC 1123 expiry date: ${value}`);
      return `EXPIRES(${v3Expires.test(value) ? 'v3' : 'v4'})`;
    }
    if (path.includes('lastBookmarks')) return 'BOOKMARK';
    if (key === 'message' && exchange.messages === 'from-position') return value.slice(value.indexOf(' (line '));
    if (path.includes('graph') && (key === 'id' || key === 'startNode' || key === 'endNode')) {
      const kind = key === 'id' && path.includes('relationships') ? 'relationship' : 'node';
      return canonicalId(ids, kind, value);
    }
    return normaliseText(value);
  }
  if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, String(i)], ids, exchange));
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    if (path.includes('meta') && (object['type'] === 'node' || object['type'] === 'relationship') && typeof object['id'] === 'number') {
      return { ...object, id: canonicalId(ids, object['type'], String(object['id'])) };
    }
    return Object.fromEntries(Object.entries(object).map(([field, item]) => [field, walk(item, [...path, field], ids, exchange)]));
  }
  return value;
}

function canonicalId(ids: Map<string, string>, kind: string, id: string): string {
  const key = `${kind}:${id}`;
  let name = ids.get(key);
  if (name === undefined) ids.set(key, (name = `${kind}#${[...ids.keys()].filter((k) => k.startsWith(`${kind}:`)).length}`));
  return name;
}

function normaliseText(text: string): string {
  return text
    .replace(/^https?:\/\/[^/]+/, 'BASE')
    .replace(/\/transaction\/\d+/, '/transaction/ID')
    .replace(/\/tx\/\d+/, '/tx/ID');
}

function setPath(value: unknown, path: readonly string[], replacement: unknown): void {
  let node = value as Record<string, unknown> | undefined;
  for (const step of path.slice(0, -1)) node = node?.[step] as Record<string, unknown> | undefined;
  const last = path.at(-1);
  if (node !== undefined && last !== undefined && last in node) node[last] = replacement;
}
