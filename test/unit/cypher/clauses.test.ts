import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clause, Query } from '../../../cypher/ast.js';
import { parse } from '../../../cypher/parser.js';
import { assertShape, render } from './ast-helpers.js';

function clauses(text: string): readonly Clause[] {
  const statement = parse(text);
  assert.equal(statement.kind, 'Query');
  return (statement as Query).first.clauses;
}

/** statement text -> the shape of its clauses (only the keys listed are compared) */
const cases: [string, unknown[]][] = [
  // ------------------------------------------------------------------ MATCH
  ['MATCH (n) RETURN n', [{ kind: 'Match', optional: false, where: undefined, pattern: [{ pathVariable: undefined, nodes: [{ variable: 'n', labels: [], properties: undefined }], relationships: [] }] }, { kind: 'Return' }]],
  ['match (n:Person:Admin) return n', [{ pattern: [{ nodes: [{ variable: 'n', labels: ['Person', 'Admin'] }] }] }, {}]],
  ['MATCH (:Person {name: $name, age: 42}) RETURN 1', [{ pattern: [{ nodes: [{ variable: undefined, labels: ['Person'], properties: { kind: 'Map', entries: [{ key: 'name', value: { kind: 'Parameter', name: 'name' } }, { key: 'age', value: { value: 42n } }] } }] }] }, {}]],
  ['MATCH () RETURN 1', [{ pattern: [{ nodes: [{ variable: undefined, labels: [], properties: undefined }] }] }, {}]],
  ['MATCH (a)-->(b) RETURN a', [{ pattern: [{ relationships: [{ direction: 'outgoing', variable: undefined, types: [], length: undefined }] }] }, {}]],
  ['MATCH (a)<--(b) RETURN a', [{ pattern: [{ relationships: [{ direction: 'incoming' }] }] }, {}]],
  ['MATCH (a)--(b) RETURN a', [{ pattern: [{ relationships: [{ direction: 'both' }] }] }, {}]],
  ['MATCH (a)<-->(b) RETURN a', [{ pattern: [{ relationships: [{ direction: 'both' }] }] }, {}]],
  ['MATCH (a) < - [r] - > (b) RETURN a', [{ pattern: [{ relationships: [{ direction: 'both', variable: 'r' }] }] }, {}]],
  ['MATCH (a)-[r:KNOWS]->(b)<-[:LIKES|:LOVES]-(c)-[:X|Y]-(d) RETURN r', [{ pattern: [{ nodes: [{ variable: 'a' }, { variable: 'b' }, { variable: 'c' }, { variable: 'd' }], relationships: [{ variable: 'r', types: ['KNOWS'], direction: 'outgoing' }, { types: ['LIKES', 'LOVES'], direction: 'incoming' }, { types: ['X', 'Y'], direction: 'both' }] }] }, {}]],
  ['MATCH (a)-[r {since: 2020}]->(b) RETURN r', [{ pattern: [{ relationships: [{ properties: { kind: 'Map', entries: [{ key: 'since' }] } }] }] }, {}]],
  ['MATCH (a)-[*]->(b) RETURN a', [{ pattern: [{ relationships: [{ length: { min: undefined, max: undefined } }] }] }, {}]],
  ['MATCH (a)-[*2]->(b) RETURN a', [{ pattern: [{ relationships: [{ length: { min: 2, max: 2 } }] }] }, {}]],
  ['MATCH (a)-[*1..3]->(b) RETURN a', [{ pattern: [{ relationships: [{ length: { min: 1, max: 3 } }] }] }, {}]],
  ['MATCH (a)-[*..3]->(b) RETURN a', [{ pattern: [{ relationships: [{ length: { min: undefined, max: 3 } }] }] }, {}]],
  ['MATCH (a)-[*2..]->(b) RETURN a', [{ pattern: [{ relationships: [{ length: { min: 2, max: undefined } }] }] }, {}]],
  ['MATCH (a)-[r:T*0..5 {x: 1}]->(b) RETURN r', [{ pattern: [{ relationships: [{ variable: 'r', types: ['T'], length: { min: 0, max: 5 }, properties: { kind: 'Map' } }] }] }, {}]],
  ['MATCH p = (a)-->(b), q = (c) RETURN p, q', [{ pattern: [{ pathVariable: 'p', nodes: [{ variable: 'a' }, { variable: 'b' }] }, { pathVariable: 'q', nodes: [{ variable: 'c' }] }] }, {}]],
  ['MATCH (n), (m) WHERE n.x = m.x RETURN n', [{ pattern: [{ nodes: [{ variable: 'n' }] }, { nodes: [{ variable: 'm' }] }], where: { kind: 'Binary', operator: '=' } }, {}]],
  ['OPTIONAL MATCH (n) RETURN n', [{ kind: 'Match', optional: true }, {}]],
  ['MATCH (`my node`:`My Label`) RETURN `my node`', [{ pattern: [{ nodes: [{ variable: 'my node', labels: ['My Label'] }] }] }, {}]],
  ['MATCH (n:Order:Return:Match) RETURN n', [{ pattern: [{ nodes: [{ labels: ['Order', 'Return', 'Match'] }] }] }, {}]],
  // ------------------------------------------------------------------ UNWIND, WITH, RETURN
  ['UNWIND [1, 2] AS x RETURN x', [{ kind: 'Unwind', variable: 'x', expression: { kind: 'List' } }, {}]],
  ['WITH 1 AS x ORDER BY x DESC SKIP 1 LIMIT 2 WHERE x > 0 RETURN x', [{ kind: 'With', projection: { distinct: false, star: false, items: [{ alias: 'x', text: '1' }], orderBy: [{ descending: true }], skip: { value: 1n }, limit: { value: 2n } }, where: { operator: '>' } }, {}]],
  ['MATCH (n) WITH DISTINCT n RETURN n', [{}, { kind: 'With', projection: { distinct: true, items: [{ alias: undefined, text: 'n' }] }, where: undefined }, {}]],
  ['MATCH (n) WITH * RETURN *', [{}, { projection: { star: true, items: [] } }, { projection: { star: true, items: [] } }]],
  ['MATCH (n) RETURN *, n.x AS y', [{}, { projection: { star: true, items: [{ alias: 'y', text: 'n.x' }] } }]],
  ['MATCH (n) RETURN n.name, count( * ), n.age + 1 AS next', [{}, { projection: { items: [{ text: 'n.name', alias: undefined }, { text: 'count( * )', expression: { kind: 'CountStar' } }, { text: 'n.age + 1', alias: 'next' }] } }]],
  ['MATCH (n) RETURN n ORDER BY n.a, n.b ASC, n.c ascending, n.d DESC, n.e Descending', [{}, { projection: { orderBy: [{ descending: false }, { descending: false }, { descending: false }, { descending: true }, { descending: true }] } }]],
  ['MATCH (n) RETURN DISTINCT n.x AS x LIMIT $limit', [{}, { projection: { distinct: true, skip: undefined, limit: { kind: 'Parameter', name: 'limit' } } }]],
  ['RETURN 1 AS `odd name`', [{ projection: { items: [{ alias: 'odd name' }] } }]],
  // ------------------------------------------------------------------ CREATE, MERGE
  ['CREATE (n:Person {name: $name}) RETURN n', [{ kind: 'Create', pattern: [{ nodes: [{ variable: 'n', labels: ['Person'], properties: { kind: 'Map' } }] }] }, {}]],
  ['CREATE (n $props)', [{ kind: 'Create', pattern: [{ nodes: [{ properties: { kind: 'Parameter', name: 'props' } }] }] }]],
  ['CREATE (a:A)-[:R {w: 1}]->(b:B), (b)<-[:S]-(c)', [{ kind: 'Create', pattern: [{ relationships: [{ types: ['R'], direction: 'outgoing' }] }, { relationships: [{ types: ['S'], direction: 'incoming' }] }] }]],
  ['MATCH (a), (b) CREATE (a)-[:KNOWS]->(b)', [{}, { kind: 'Create' }]],
  ['CREATE p = (a)-[:R]->(b) RETURN p', [{ kind: 'Create', pattern: [{ pathVariable: 'p' }] }, {}]],
  ['CREATE index = (a)-[:R]->(b) RETURN index', [{ kind: 'Create', pattern: [{ pathVariable: 'index' }] }, {}]],
  ['MERGE (n:Person {id: 1})', [{ kind: 'Merge', part: { nodes: [{ labels: ['Person'] }] }, onCreate: [], onMatch: [] }]],
  [
    'MERGE (n:P {id: 1}) ON MATCH SET n.seen = n.seen + 1 ON CREATE SET n.created = timestamp(), n.seen = 1 ON CREATE SET n:New',
    [{ kind: 'Merge', onCreate: [{ kind: 'SetProperty', key: 'created' }, { kind: 'SetProperty', key: 'seen' }, { kind: 'SetLabels', variable: 'n', labels: ['New'] }], onMatch: [{ kind: 'SetProperty', key: 'seen' }] }],
  ],
  ['MATCH (a), (b) MERGE (a)-[r:KNOWS]-(b) RETURN r', [{}, { kind: 'Merge', part: { relationships: [{ variable: 'r', types: ['KNOWS'], direction: 'both' }] } }, {}]],
  // ------------------------------------------------------------------ SET, REMOVE, DELETE
  ['MATCH (n) SET n.x = 1', [{}, { kind: 'Set', items: [{ kind: 'SetProperty', target: { kind: 'Variable', name: 'n' }, key: 'x', value: { value: 1n } }] }]],
  ['MATCH (n) SET n = {a: 1}, n += $map', [{}, { items: [{ kind: 'SetVariable', variable: 'n', merge: false, value: { kind: 'Map' } }, { kind: 'SetVariable', variable: 'n', merge: true, value: { kind: 'Parameter' } }] }]],
  ['MATCH (n) SET n:A:B', [{}, { items: [{ kind: 'SetLabels', variable: 'n', labels: ['A', 'B'] }] }]],
  ['MATCH (n) SET (n).x = 1, n.a.b = 2', [{}, { items: [{ kind: 'SetProperty', target: { kind: 'Variable', name: 'n' }, key: 'x' }, { kind: 'SetProperty', target: { kind: 'Property', key: 'a' }, key: 'b' }] }]],
  ['MATCH (n)-[r]->() SET (CASE WHEN n.x THEN n ELSE r END).y = 1', [{}, { items: [{ kind: 'SetProperty', target: { kind: 'Case' }, key: 'y' }] }]],
  ['MATCH (n) REMOVE n.x, n:A:B', [{}, { kind: 'Remove', items: [{ kind: 'RemoveProperty', target: { name: 'n' }, key: 'x' }, { kind: 'RemoveLabels', variable: 'n', labels: ['A', 'B'] }] }]],
  ['MATCH (n) DELETE n', [{}, { kind: 'Delete', detach: false, expressions: [{ name: 'n' }] }]],
  ['MATCH (n)-[r]-() DETACH DELETE n, r', [{}, { kind: 'Delete', detach: true, expressions: [{ name: 'n' }, { name: 'r' }] }]],
  ['MATCH p = ()-->() DELETE p', [{}, { kind: 'Delete' }]],
  // ------------------------------------------------------------------ FOREACH
  [
    'MATCH (n) FOREACH (x IN [1, 2] | CREATE (:N {v: x}) SET n.last = x FOREACH (y IN [x] | MERGE (:M {v: y})))',
    [{}, { kind: 'Foreach', variable: 'x', list: { kind: 'List' }, clauses: [{ kind: 'Create' }, { kind: 'Set' }, { kind: 'Foreach', variable: 'y', clauses: [{ kind: 'Merge' }] }] }],
  ],
  ['MATCH p = ()-->() FOREACH (n IN nodes(p) | SET n.marked = true REMOVE n:Old DELETE n DETACH DELETE n)', [{}, { clauses: [{ kind: 'Set' }, { kind: 'Remove' }, { kind: 'Delete', detach: false }, { kind: 'Delete', detach: true }] }]],
  // ------------------------------------------------------------------ CALL
  ['CALL db.labels', [{ kind: 'Call', procedure: 'db.labels', args: undefined, yield: undefined, where: undefined }]],
  ['CALL db.labels()', [{ kind: 'Call', procedure: 'db.labels', args: [], yield: undefined }]],
  ['call DB.Labels() yield label return label', [{ kind: 'Call', procedure: 'DB.Labels', yield: [{ name: 'label', alias: undefined }] }, {}]],
  ['CALL dbms.components() YIELD name, versions AS v, edition', [{ procedure: 'dbms.components', yield: [{ name: 'name' }, { name: 'versions', alias: 'v' }, { name: 'edition' }] }]],
  ["CALL db.labels() YIELD label WHERE label STARTS WITH 'P' RETURN label", [{ yield: [{ name: 'label' }], where: { operator: 'STARTS WITH' } }, {}]],
  ['CALL db.indexes() YIELD *', [{ yield: '*' }]],
  ["CALL my.proc(1, 'a', $p)", [{ procedure: 'my.proc', args: [{ value: 1n }, { value: 'a' }, { kind: 'Parameter', name: 'p' }] }]],
  ['MATCH (n) CALL db.labels() YIELD label RETURN n, label', [{}, { kind: 'Call' }, {}]],
];

describe('clauses', () => {
  for (const [text, shape] of cases) {
    it(text, () => assertShape(clauses(text), shape));
  }
});

describe('statements', () => {
  it('joins single queries with UNION and UNION ALL', () => {
    const statement = parse('MATCH (n) RETURN n.x AS x UNION ALL MATCH (m) RETURN m.x AS x UNION ALL RETURN 1 AS x');
    assertShape(statement, {
      kind: 'Query',
      first: { kind: 'SingleQuery', clauses: [{ kind: 'Match' }, { kind: 'Return' }] },
      unions: [
        { all: true, query: { clauses: [{ kind: 'Match' }, { kind: 'Return' }] } },
        { all: true, query: { clauses: [{ kind: 'Return' }] } },
      ],
    });
    assertShape(parse('RETURN 1 AS x UNION RETURN 2 AS x'), { unions: [{ all: false }] });
  });

  it('allows one trailing semicolon, comments and any whitespace', () => {
    assertShape(parse('MATCH (n)\n// all of them\nRETURN /* the node */ n;'), { kind: 'Query', first: { clauses: [{ kind: 'Match' }, { kind: 'Return' }] } });
    assertShape(parse('\t\r\n  RETURN 1 ; \n'), { kind: 'Query' });
  });

  it('reads keywords in any case', () => {
    assertShape(parse('optional Match (n) wHeRe n.x iS nOt NuLl with n ORDER by n.x desc return DISTINCT n'), {
      first: { clauses: [{ kind: 'Match', optional: true, where: { kind: 'IsNull', negated: true } }, { kind: 'With', projection: { orderBy: [{ descending: true }] } }, { kind: 'Return', projection: { distinct: true } }] },
    });
  });

  it('gives every clause and pattern element its position', () => {
    const [match, ret] = clauses('MATCH (a)\n  -[r]->(b)\nRETURN a');
    assert.ok(match?.kind === 'Match' && ret?.kind === 'Return');
    assert.deepEqual(match.position, { offset: 0, line: 1, column: 1 });
    assert.deepEqual(match.pattern[0]!.relationships[0]!.position, { offset: 12, line: 2, column: 3 });
    assert.deepEqual(match.pattern[0]!.nodes[1]!.position, { offset: 18, line: 2, column: 9 });
    assert.deepEqual(ret.position, { offset: 22, line: 3, column: 1 });
  });

  it('keeps a WHERE in a pattern clause apart from the pattern', () => {
    const [match] = clauses('MATCH (n:Person) WHERE n.age > 30 AND n:Admin RETURN n');
    assert.ok(match?.kind === 'Match');
    assert.equal(render(match.where!), "((n.age > 30) AND ('Admin' IN labels(n)))");
  });
});
