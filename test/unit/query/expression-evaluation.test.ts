import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mapValue, type Value } from '../../../engine/query/values.js';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

describe('expressions', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await openQueryFixture();
    await fixture.run("CREATE (:P {name: 'Ann', age: 30, tags: ['a', 'b']})");
  });
  after(() => fixture.close());
  const one = async (expression: string, parameters: Readonly<Record<string, Value>> = {}): Promise<Value> =>
    (await fixture.rows(`RETURN ${expression} AS v`, parameters))[0]![0]!;

  it('follows three-valued logic', async () => {
    assert.equal(await one('null AND false'), false);
    assert.equal(await one('null AND true'), null);
    assert.equal(await one('null OR true'), true);
    assert.equal(await one('null OR false'), null);
    assert.equal(await one('null XOR true'), null);
    assert.equal(await one('NOT null'), null);
    assert.equal(await one('null IS NULL'), true);
    assert.equal(await one('1 IN [2, null]'), null);
    assert.equal(await one('1 IN []'), false);
    assert.equal(await one('null IN []'), false);
    assert.equal(await one("1 < 'a'"), null);
  });

  it('adds strings, numbers and lists as Cypher does', async () => {
    assert.equal(await one("'n' + 1"), 'n1');
    assert.equal(await one("2.0 + 'x'"), '2.0x');
    assert.deepEqual(await one('[1] + [2, 3] + 4'), [1n, 2n, 3n, 4n]);
    assert.deepEqual(await one('0 + [1]'), [0n, 1n]);
    assert.equal(await one('2 ^ 2'), 4);
    assert.equal(await one('7 / 2'), 3n);
    assert.equal(await one('7 / 2.0'), 3.5);
    assert.equal(await one('1 + null'), null);
  });

  it('indexes, slices and comprehends lists', async () => {
    assert.equal(await one('[1, 2, 3][-1]'), 3n);
    assert.equal(await one('[1, 2, 3][5]'), null);
    assert.deepEqual(await one('[1, 2, 3, 4][1..-1]'), [2n, 3n]);
    assert.deepEqual(await one('[1, 2, 3][..10]'), [1n, 2n, 3n]);
    assert.equal(await one('[1, 2][null]'), null);
    assert.deepEqual(await one('[x IN range(1, 6) WHERE x % 2 = 0 | x * x]'), [4n, 16n, 36n]);
    assert.deepEqual(await one('[x IN [1, 2] | [y IN [10, 20] | x + y]]'), [
      [11n, 21n],
      [12n, 22n],
    ]);
    assert.equal(await one("{a: {b: 'deep'}}['a'].b"), 'deep');
  });

  it('evaluates CASE in both forms', async () => {
    assert.equal(await one("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END"), 'two');
    assert.equal(await one("CASE null WHEN null THEN 'null' ELSE 'other' END"), 'other');
    assert.equal(await one("CASE WHEN 1 > 2 THEN 'no' WHEN null THEN 'no' ELSE 'else' END"), 'else');
    assert.equal(await one('CASE 3 WHEN 1 THEN 1 END'), null);
  });

  it('projects maps from nodes and maps', async () => {
    const [[projected]] = await fixture.rows("MATCH (p:P) WITH p, 'x' AS extra RETURN p {.name, .missing, extra, double: p.age * 2}");
    assert.deepEqual(projected, mapValue([
      ['name', 'Ann'],
      ['missing', null],
      ['extra', 'x'],
      ['double', 60n],
    ]));
    const [[all]] = await fixture.rows('MATCH (p:P) RETURN p {.*, age: null}');
    assert.deepEqual(all, mapValue([
      ['name', 'Ann'],
      ['age', null],
      ['tags', ['a', 'b']],
    ]));
  });

  it('matches strings', async () => {
    assert.equal(await one("'Neo4j' STARTS WITH 'Neo'"), true);
    assert.equal(await one("'Neo4j' ENDS WITH null"), null);
    assert.equal(await one("'Neo4j' CONTAINS 'o4'"), true);
    assert.equal(await one("'Neo4j' =~ 'neo.*'"), false);
    assert.equal(await one("'Neo4j' =~ '(?i)neo.*'"), true);
  });

  it('calls the functions of the issue', async () => {
    const [[row]] = (await fixture.rows(
      "MATCH (p:P) RETURN [labels(p), keys(p), properties(p).age, exists(p.name), exists(p.nope), size(p.tags), head(p.tags), last(p.tags), tail(p.tags), coalesce(p.nope, p.name)] AS r",
    )) as [[Value[]]];
    assert.deepEqual(row, [['P'], ['name', 'age', 'tags'], 30n, true, false, 2n, 'a', 'b', ['b'], 'Ann']);
    assert.deepEqual(await one("[toString(1), toString(2.5), toString(true), toInteger('12'), toInteger(3.9), toInteger('x'), toFloat('1.5'), toFloat(2), toBoolean('false'), toBoolean('yes')]"), [
      '1',
      '2.5',
      'true',
      12n,
      3n,
      null,
      1.5,
      2,
      false,
      null,
    ]);
    assert.deepEqual(await one("[toLower('AbC'), toUpper('AbC'), trim('  x '), split('a-b', '-'), substring('hello', 1), substring('hello', 1, 2), replace('a.b.c', '.', '/'), abs(-3), abs(-2.5)]"), [
      'abc',
      'ABC',
      'x',
      ['a', 'b'],
      'ello',
      'el',
      'a/b/c',
      3n,
      2.5,
    ]);
    assert.deepEqual(await one('[range(0, 6, 2), range(3, 1), size(range(1, 1000))]'), [[0n, 2n, 4n, 6n], [], 1000n]);
    const [[first], [second]] = (await fixture.rows('UNWIND [1, 2] AS i RETURN timestamp()')) as [[bigint], [bigint]];
    assert.equal(first, second);
    assert.ok(Math.abs(Number(first) - Date.now()) < 60_000);
  });

  it('reads relationship endpoints, types and paths', async () => {
    await fixture.run("MATCH (p:P) CREATE (p)-[:KNOWS {since: 2001}]->(:P {name: 'Bob'})");
    const [[row]] = (await fixture.rows(
      'MATCH p = (a)-[r:KNOWS]->(b) RETURN [type(r), startNode(r).name, endNode(r).name, length(p), [n IN nodes(p) | n.name], [x IN relationships(p) | x.since], id(r) = id(relationships(p)[0]), elementId(a) = toString(id(a))]',
    )) as [[Value[]]];
    assert.deepEqual(row, ['KNOWS', 'Ann', 'Bob', 1n, ['Ann', 'Bob'], [2001n], true, true]);
  });
});
