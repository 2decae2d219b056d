import { node, type ConformanceCase } from '../conformance-case.js';

function count(query: string, n: bigint): { query: string; expected: { columns: string[]; rows: bigint[][]; ordered: boolean } } {
  return { query, expected: { columns: ['count(*)'], rows: [[n]], ordered: true } };
}

export const cases: ConformanceCase[] = [
  {
    name: 'MERGE creates a node that does not exist',
    query: "MERGE (n:P {name: 'a'}) RETURN n",
    expected: { columns: ['n'], rows: [[node(['P'], { name: 'a' })]], ordered: true },
    stats: { nodes_created: 1, labels_added: 1, properties_set: 1 },
  },
  {
    name: 'MERGE matches a node that exists',
    setup: [`CREATE (:P {name: 'a', extra: 1})`],
    query: "MERGE (n:P {name: 'a'}) RETURN n.extra",
    expected: { columns: ['n.extra'], rows: [[1n]], ordered: true },
    stats: { nodes_created: 0, properties_set: 0, contains_updates: false },
    after: count('MATCH (n:P) RETURN count(*)', 1n),
  },
  {
    name: 'MERGE ... ON CREATE SET runs when it creates',
    query: "MERGE (n:P {name: 'a'}) ON CREATE SET n.created = true ON MATCH SET n.matched = true RETURN n.created, n.matched",
    expected: { columns: ['n.created', 'n.matched'], rows: [[true, null]], ordered: true },
    stats: { nodes_created: 1, labels_added: 1, properties_set: 2 },
  },
  {
    name: 'MERGE ... ON MATCH SET runs when it matches',
    setup: [`CREATE (:P {name: 'a'})`],
    query: "MERGE (n:P {name: 'a'}) ON CREATE SET n.created = true ON MATCH SET n.matched = true RETURN n.created, n.matched",
    expected: { columns: ['n.created', 'n.matched'], rows: [[null, true]], ordered: true },
    stats: { nodes_created: 0, properties_set: 1 },
  },
  {
    name: 'ON MATCH SET may read the matched value',
    setup: [`CREATE (:Counter {name: 'c', hits: 1})`],
    query: "MERGE (c:Counter {name: 'c'}) ON CREATE SET c.hits = 1 ON MATCH SET c.hits = c.hits + 1 RETURN c.hits",
    expected: { columns: ['c.hits'], rows: [[2n]], ordered: true },
  },
  {
    name: 'ON CREATE SET with += of a map',
    query: 'MERGE (n:P {id: 1}) ON CREATE SET n += {a: 1, b: 2} RETURN n',
    expected: { columns: ['n'], rows: [[node(['P'], { id: 1n, a: 1n, b: 2n })]], ordered: true },
  },
  {
    name: 'MERGE yields one row per node that matches',
    setup: [`CREATE (:P {k: 1}), (:P {k: 1}), (:P {k: 2})`],
    query: 'MERGE (n:P {k: 1}) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[2n]], ordered: true },
    stats: { nodes_created: 0 },
  },
  {
    name: 'MERGE on a label only',
    setup: [`CREATE (:Singleton)`],
    query: 'MERGE (n:Singleton) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[1n]], ordered: true },
    stats: { nodes_created: 0 },
  },
  {
    name: 'MERGE with a parameter',
    query: 'MERGE (n:P {name: $name}) RETURN n.name',
    parameters: { name: 'from a parameter' },
    expected: { columns: ['n.name'], rows: [['from a parameter']], ordered: true },
    stats: { nodes_created: 1 },
  },
  {
    name: 'MERGE sees what earlier rows of the same statement created',
    query: "UNWIND ['a', 'b', 'a'] AS name MERGE (n:P {name: name}) RETURN count(*)",
    expected: { columns: ['count(*)'], rows: [[3n]], ordered: true },
    stats: { nodes_created: 2 },
    after: count('MATCH (n:P) RETURN count(*)', 2n),
  },
  {
    name: 'MERGE creates a missing relationship between matched nodes',
    setup: [`CREATE (:A), (:B)`],
    query: 'MATCH (a:A), (b:B) MERGE (a)-[r:R]->(b) RETURN type(r)',
    expected: { columns: ['type(r)'], rows: [['R']], ordered: true },
    stats: { relationships_created: 1, nodes_created: 0 },
  },
  {
    name: 'MERGE matches an existing relationship',
    setup: [`CREATE (:A)-[:R {w: 1}]->(:B)`],
    query: 'MATCH (a:A), (b:B) MERGE (a)-[r:R]->(b) RETURN r.w',
    expected: { columns: ['r.w'], rows: [[1n]], ordered: true },
    stats: { relationships_created: 0 },
  },
  {
    name: 'MERGE of a relationship whose properties differ creates another',
    setup: [`CREATE (:A)-[:R {w: 1}]->(:B)`],
    query: 'MATCH (a:A), (b:B) MERGE (a)-[r:R {w: 2}]->(b) RETURN r.w',
    expected: { columns: ['r.w'], rows: [[2n]], ordered: true },
    stats: { relationships_created: 1, properties_set: 1 },
    after: count('MATCH ()-[r:R]->() RETURN count(*)', 2n),
  },
  {
    name: 'MERGE of an undirected relationship matches either direction',
    setup: [`CREATE (:A)<-[:R]-(:B)`],
    query: 'MATCH (a:A), (b:B) MERGE (a)-[:R]-(b) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[1n]], ordered: true },
    stats: { relationships_created: 0 },
  },
  {
    name: 'MERGE of an undirected relationship creates it left to right',
    setup: [`CREATE (:A), (:B)`],
    query: 'MATCH (a:A), (b:B) MERGE (a)-[:R]-(b)',
    expected: { columns: [], rows: [], ordered: true },
    stats: { relationships_created: 1 },
    after: {
      query: 'MATCH (x)-[:R]->(y) RETURN labels(x), labels(y)',
      expected: { columns: ['labels(x)', 'labels(y)'], rows: [[['A'], ['B']]], ordered: true },
    },
  },
  {
    name: 'MERGE of a whole pattern creates all of it when any part is missing',
    setup: [`CREATE (:A {id: 1})`],
    query: 'MERGE (a:A {id: 1})-[:R]->(b:B {id: 2})',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 2, relationships_created: 1 },
    after: count('MATCH (a:A {id: 1}) RETURN count(*)', 2n),
  },
  {
    name: 'MERGE from a bound node creates only the missing part',
    setup: [`CREATE (:A {id: 1})`],
    query: 'MATCH (a:A {id: 1}) MERGE (a)-[:R]->(b:B {id: 2}) RETURN b.id',
    expected: { columns: ['b.id'], rows: [[2n]], ordered: true },
    stats: { nodes_created: 1, relationships_created: 1 },
    after: count('MATCH (a:A) RETURN count(*)', 1n),
  },
  {
    name: 'MERGE with a null property value is an error',
    query: 'MERGE (n:P {name: $name})',
    parameters: { name: null },
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
    after: count('MATCH (n) RETURN count(*)', 0n),
  },
];
