import { node, type ConformanceCase } from '../conformance-case.js';

const people = [
  `CREATE (a:Person {name: 'Alice'}), (b:Person {name: 'Bob'}), (c:Person {name: 'Carol'}),
          (a)-[:KNOWS]->(b), (a)-[:KNOWS]->(c), (b)-[:LIKES]->(c)`,
];

export const cases: ConformanceCase[] = [
  {
    name: 'OPTIONAL MATCH with no match yields one row of null',
    query: 'OPTIONAL MATCH (n:Nope) RETURN n',
    expected: { columns: ['n'], rows: [[null]], ordered: false },
  },
  {
    name: 'OPTIONAL MATCH that matches behaves like MATCH',
    setup: people,
    query: "OPTIONAL MATCH (n:Person {name: 'Bob'}) RETURN n",
    expected: { columns: ['n'], rows: [[node(['Person'], { name: 'Bob' })]], ordered: false },
  },
  {
    name: 'OPTIONAL MATCH keeps rows without a match and fills null',
    setup: people,
    query: 'MATCH (p:Person) OPTIONAL MATCH (p)-[:KNOWS]->(f) RETURN p.name, f.name',
    expected: {
      columns: ['p.name', 'f.name'],
      rows: [['Alice', 'Bob'], ['Alice', 'Carol'], ['Bob', null], ['Carol', null]],
      ordered: false,
    },
  },
  {
    name: 'an unmatched optional relationship is null and its type is null',
    setup: people,
    query: "MATCH (p:Person {name: 'Carol'}) OPTIONAL MATCH (p)-[r]->() RETURN r, type(r)",
    expected: { columns: ['r', 'type(r)'], rows: [[null, null]], ordered: false },
  },
  {
    name: 'the WHERE of an OPTIONAL MATCH filters the optional part only',
    setup: people,
    query: "MATCH (p:Person) OPTIONAL MATCH (p)-[:KNOWS]->(f) WHERE f.name = 'Carol' RETURN p.name, f.name",
    expected: {
      columns: ['p.name', 'f.name'],
      rows: [['Alice', 'Carol'], ['Bob', null], ['Carol', null]],
      ordered: false,
    },
  },
  {
    name: 'count of an optional variable counts matches only',
    setup: people,
    query: 'MATCH (p:Person) OPTIONAL MATCH (p)-[:KNOWS]->(f) RETURN p.name, count(f)',
    expected: { columns: ['p.name', 'count(f)'], rows: [['Alice', 2n], ['Bob', 0n], ['Carol', 0n]], ordered: false },
  },
  {
    name: 'an OPTIONAL MATCH pattern is all or nothing',
    setup: people,
    query: "MATCH (a:Person {name: 'Alice'}) OPTIONAL MATCH (a)-[:KNOWS]->(x)-[:KNOWS]->(y) RETURN x, y",
    expected: { columns: ['x', 'y'], rows: [[null, null]], ordered: false },
  },
  {
    name: 'OPTIONAL MATCH from a null node yields null',
    query: 'OPTIONAL MATCH (a:Nope) OPTIONAL MATCH (a)-->(b) RETURN a, b',
    expected: { columns: ['a', 'b'], rows: [[null, null]], ordered: false },
  },
  {
    name: 'properties of a null node are null',
    query: 'OPTIONAL MATCH (n:Nope) RETURN n.name, n.name IS NULL',
    expected: { columns: ['n.name', 'n.name IS NULL'], rows: [[null, true]], ordered: false },
  },
  {
    name: 'MATCH after an empty OPTIONAL MATCH on the null variable yields nothing',
    setup: people,
    query: 'OPTIONAL MATCH (n:Nope) MATCH (n)-->(m) RETURN m',
    expected: { columns: ['m'], rows: [], ordered: false },
  },
  {
    name: 'OPTIONAL MATCH on a self-loop pattern',
    setup: [`CREATE (s:S), (l:L), (l)-[:LOOP]->(l)`],
    query: 'MATCH (a) OPTIONAL MATCH (a)-[r]->(a) RETURN labels(a), type(r)',
    expected: { columns: ['labels(a)', 'type(r)'], rows: [[['S'], null], [['L'], 'LOOP']], ordered: false },
  },
];
