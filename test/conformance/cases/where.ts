import type { ConformanceCase } from '../conformance-case.js';

const people = [
  `CREATE (a:Person {name: 'Alice', age: 38, email: 'alice@example.com'}),
          (b:Person {name: 'Bob', age: 25}),
          (c:Person:Admin {name: 'Carol', age: 53, email: 'carol@example.org'}),
          (d:Person {name: 'Dave'}),
          (a)-[:KNOWS {since: 2010}]->(b), (b)-[:KNOWS {since: 2015}]->(c), (c)-[:KNOWS {since: 1999}]->(d)`,
];

function names(...values: string[]): { columns: string[]; rows: string[][]; ordered: boolean } {
  return { columns: ['n.name'], rows: values.map((value) => [value]), ordered: false };
}

export const cases: ConformanceCase[] = [
  {
    name: 'WHERE with equality',
    setup: people,
    query: "MATCH (n:Person) WHERE n.name = 'Bob' RETURN n.name",
    expected: names('Bob'),
  },
  {
    name: 'WHERE with <>',
    setup: people,
    query: "MATCH (n:Person) WHERE n.name <> 'Bob' RETURN n.name",
    expected: names('Alice', 'Carol', 'Dave'),
  },
  {
    name: 'WHERE with < and >= (a missing property never compares)',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.age < 30 OR n.age >= 53 RETURN n.name',
    expected: names('Bob', 'Carol'),
  },
  {
    name: 'WHERE with a chained comparison',
    setup: people,
    query: 'MATCH (n:Person) WHERE 25 < n.age <= 38 RETURN n.name',
    expected: names('Alice'),
  },
  {
    name: 'WHERE with AND',
    setup: people,
    query: "MATCH (n:Person) WHERE n.age > 30 AND n.name STARTS WITH 'C' RETURN n.name",
    expected: names('Carol'),
  },
  {
    name: 'WHERE with XOR',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.age > 30 XOR n.email IS NULL RETURN n.name',
    expected: names('Alice', 'Bob', 'Carol'),
  },
  {
    name: 'WHERE NOT',
    setup: people,
    query: 'MATCH (n:Person) WHERE NOT n.age > 30 RETURN n.name',
    expected: names('Bob'),
  },
  {
    name: 'WHERE drops rows whose predicate is null, also under NOT',
    setup: people,
    query: 'MATCH (n:Person) WHERE NOT (n.age = 99) RETURN n.name',
    expected: names('Alice', 'Bob', 'Carol'),
  },
  {
    name: 'WHERE IS NULL',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.age IS NULL RETURN n.name',
    expected: names('Dave'),
  },
  {
    name: 'WHERE IS NOT NULL',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.email IS NOT NULL RETURN n.name',
    expected: names('Alice', 'Carol'),
  },
  {
    name: 'WHERE IN a parameter list',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.name IN $names RETURN n.name',
    parameters: { names: ['Alice', 'Dave', 'Zed'] },
    expected: names('Alice', 'Dave'),
  },
  {
    name: 'WHERE STARTS WITH',
    setup: people,
    query: "MATCH (n:Person) WHERE n.name STARTS WITH 'Da' RETURN n.name",
    expected: names('Dave'),
  },
  {
    name: 'WHERE ENDS WITH',
    setup: people,
    query: "MATCH (n:Person) WHERE n.email ENDS WITH '.org' RETURN n.name",
    expected: names('Carol'),
  },
  {
    name: 'WHERE CONTAINS is case-sensitive',
    setup: people,
    query: "MATCH (n:Person) WHERE n.name CONTAINS 'a' RETURN n.name",
    expected: names('Carol', 'Dave'),
  },
  {
    name: 'WHERE =~ matches the whole string',
    setup: people,
    query: "MATCH (n:Person) WHERE n.name =~ 'A.*' OR n.name =~ 'o' RETURN n.name",
    expected: names('Alice'),
  },
  {
    name: 'WHERE =~ with a case-insensitive flag',
    setup: people,
    query: "MATCH (n:Person) WHERE n.email =~ '(?i)CAROL@.*' RETURN n.name",
    expected: names('Carol'),
  },
  {
    name: 'WHERE with a label predicate',
    setup: people,
    query: 'MATCH (n) WHERE n:Admin RETURN n.name',
    expected: names('Carol'),
  },
  {
    name: 'WHERE on a relationship property',
    setup: people,
    query: 'MATCH (a)-[r:KNOWS]->(b) WHERE r.since < 2012 RETURN a.name, b.name',
    expected: { columns: ['a.name', 'b.name'], rows: [['Alice', 'Bob'], ['Carol', 'Dave']], ordered: false },
  },
  {
    name: 'WHERE compares two bound variables',
    setup: people,
    query: 'MATCH (a)-[:KNOWS]->(b) WHERE a.age > b.age RETURN a.name',
    expected: { columns: ['a.name'], rows: [['Alice']], ordered: false },
  },
  {
    name: 'WHERE with a parameter',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.age > $min RETURN n.name',
    parameters: { min: 37.5 },
    expected: names('Alice', 'Carol'),
  },
  {
    name: 'WHERE id(n) = a value read earlier',
    setup: people,
    query: "MATCH (a {name: 'Bob'}) WITH id(a) AS wanted MATCH (n) WHERE id(n) = wanted RETURN n.name",
    expected: names('Bob'),
  },
  {
    name: 'WHERE with a variable-length pattern',
    setup: people,
    query: "MATCH (a {name: 'Alice'})-[*]->(n) WHERE n.age IS NULL RETURN n.name",
    expected: names('Dave'),
  },
  {
    name: 'WHERE compares integer and float properties numerically',
    setup: [`CREATE (:V {x: 2}), (:V {x: 2.0}), (:V {x: 2.5}), (:V {x: '2'})`],
    query: 'MATCH (v:V) WHERE v.x = 2 RETURN v.x',
    expected: { columns: ['v.x'], rows: [[2n], [2]], ordered: false },
  },
];
