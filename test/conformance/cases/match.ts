import { hop, node, path, rel, type ConformanceCase } from '../conformance-case.js';

/** Alice -KNOWS-> Bob -KNOWS-> Carol; Alice -LIVES_IN-> Dublin <-WORKS_IN- Carol. */
const people = [
  `CREATE (a:Person {name: 'Alice', age: 38}), (b:Person {name: 'Bob', age: 25}),
          (c:Person:Admin {name: 'Carol', age: 53}), (d:City {name: 'Dublin'}),
          (a)-[:KNOWS {since: 2010}]->(b), (b)-[:KNOWS {since: 2015}]->(c),
          (a)-[:LIVES_IN]->(d), (c)-[:WORKS_IN]->(d)`,
];

/** a -> b -> c -> d -> e, every relationship NEXT. */
const chain = [
  `CREATE (:N {n: 'a'})-[:NEXT]->(:N {n: 'b'})-[:NEXT]->(:N {n: 'c'})-[:NEXT]->(:N {n: 'd'})-[:NEXT]->(:N {n: 'e'})`,
];

/** a -> b -> c -> a. */
const triangle = [`CREATE (a:T {n: 'a'})-[:E]->(b:T {n: 'b'})-[:E]->(c:T {n: 'c'})-[:E]->(a)`];

const single = [`CREATE (:A)-[:R]->(:B)`];

export const cases: ConformanceCase[] = [
  {
    name: 'MATCH (n) finds every node',
    setup: people,
    query: 'MATCH (n) RETURN n.name',
    expected: { columns: ['n.name'], rows: [['Alice'], ['Bob'], ['Carol'], ['Dublin']], ordered: false },
  },
  {
    name: 'a label restricts the nodes',
    setup: people,
    query: 'MATCH (n:Person) RETURN n.name',
    expected: { columns: ['n.name'], rows: [['Alice'], ['Bob'], ['Carol']], ordered: false },
  },
  {
    name: 'two labels require both',
    setup: people,
    query: 'MATCH (n:Person:Admin) RETURN n.name',
    expected: { columns: ['n.name'], rows: [['Carol']], ordered: false },
  },
  {
    name: 'a label no node has matches nothing',
    setup: people,
    query: 'MATCH (n:Nope) RETURN n',
    expected: { columns: ['n'], rows: [], ordered: false },
  },
  {
    name: 'an inline property map filters by equality',
    setup: people,
    query: "MATCH (n:Person {name: 'Bob'}) RETURN n.age",
    expected: { columns: ['n.age'], rows: [[25n]], ordered: false },
  },
  {
    name: 'an inline property map takes parameters',
    setup: people,
    query: 'MATCH (n {name: $name}) RETURN labels(n)',
    parameters: { name: 'Dublin' },
    expected: { columns: ['labels(n)'], rows: [[['City']]], ordered: false },
  },
  {
    name: 'an inline property map without a label',
    setup: people,
    query: 'MATCH (n {age: 38}) RETURN n.name',
    expected: { columns: ['n.name'], rows: [['Alice']], ordered: false },
  },
  {
    name: 'an inline property equal to null matches nothing',
    setup: people,
    query: 'MATCH (n {name: null}) RETURN n',
    expected: { columns: ['n'], rows: [], ordered: false },
  },
  {
    name: 'a returned node carries its labels and properties',
    setup: people,
    query: 'MATCH (n:City) RETURN n',
    expected: { columns: ['n'], rows: [[node(['City'], { name: 'Dublin' })]], ordered: false },
  },
  {
    name: 'an outgoing relationship pattern',
    setup: people,
    query: "MATCH (a:Person {name: 'Alice'})-[r]->(x) RETURN type(r), x.name",
    expected: { columns: ['type(r)', 'x.name'], rows: [['KNOWS', 'Bob'], ['LIVES_IN', 'Dublin']], ordered: false },
  },
  {
    name: 'an incoming relationship pattern',
    setup: people,
    query: 'MATCH (c:City)<-[r]-(p) RETURN p.name, type(r)',
    expected: { columns: ['p.name', 'type(r)'], rows: [['Alice', 'LIVES_IN'], ['Carol', 'WORKS_IN']], ordered: false },
  },
  {
    name: 'an undirected pattern matches both directions',
    setup: people,
    query: "MATCH ({name: 'Bob'})-[:KNOWS]-(x) RETURN x.name",
    expected: { columns: ['x.name'], rows: [['Alice'], ['Carol']], ordered: false },
  },
  {
    name: 'an undirected pattern between unbound nodes yields each relationship both ways',
    setup: people,
    query: 'MATCH (x)-[:KNOWS]-(y) RETURN x.name, y.name',
    expected: {
      columns: ['x.name', 'y.name'],
      rows: [['Alice', 'Bob'], ['Bob', 'Alice'], ['Bob', 'Carol'], ['Carol', 'Bob']],
      ordered: false,
    },
  },
  {
    name: 'relationship type alternatives with |',
    setup: people,
    query: 'MATCH (p)-[r:LIVES_IN|WORKS_IN]->(c) RETURN p.name, type(r)',
    expected: { columns: ['p.name', 'type(r)'], rows: [['Alice', 'LIVES_IN'], ['Carol', 'WORKS_IN']], ordered: false },
  },
  {
    name: 'relationship type alternatives written |:',
    setup: people,
    query: 'MATCH (p)-[:KNOWS|:WORKS_IN]->(x) RETURN p.name, x.name',
    expected: { columns: ['p.name', 'x.name'], rows: [['Alice', 'Bob'], ['Bob', 'Carol'], ['Carol', 'Dublin']], ordered: false },
  },
  {
    name: 'an inline property map on a relationship',
    setup: people,
    query: 'MATCH (a)-[:KNOWS {since: 2015}]->(b) RETURN a.name, b.name',
    expected: { columns: ['a.name', 'b.name'], rows: [['Bob', 'Carol']], ordered: false },
  },
  {
    name: 'a returned relationship carries its type and properties',
    setup: people,
    query: 'MATCH ()-[r:KNOWS {since: 2010}]->() RETURN r',
    expected: { columns: ['r'], rows: [[rel('KNOWS', { since: 2010n })]], ordered: false },
  },
  {
    name: 'a relationship with no properties returns an empty property map',
    setup: people,
    query: 'MATCH ()-[r:LIVES_IN]->() RETURN r, properties(r)',
    expected: { columns: ['r', 'properties(r)'], rows: [[rel('LIVES_IN'), {}]], ordered: false },
  },
  {
    name: 'a two-hop chain',
    setup: people,
    query: "MATCH ({name: 'Alice'})-[:KNOWS]->()-[:KNOWS]->(c) RETURN c.name",
    expected: { columns: ['c.name'], rows: [['Carol']], ordered: false },
  },
  {
    name: 'a chain with both directions',
    setup: people,
    query: 'MATCH (a:Person)-[:LIVES_IN]->(:City)<-[:WORKS_IN]-(b) RETURN a.name, b.name',
    expected: { columns: ['a.name', 'b.name'], rows: [['Alice', 'Carol']], ordered: false },
  },
  {
    name: 'comma-separated patterns form a cartesian product',
    setup: people,
    query: 'MATCH (a:Person), (b:Person) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[9n]], ordered: false },
  },
  {
    name: 'comma-separated patterns joined by a shared variable',
    setup: people,
    query: 'MATCH (a)-[:KNOWS]->(b), (b)-[:KNOWS]->(c) RETURN a.name, c.name',
    expected: { columns: ['a.name', 'c.name'], rows: [['Alice', 'Carol']], ordered: false },
  },
  {
    name: 'a node bound by an earlier MATCH anchors a later one',
    setup: people,
    query: "MATCH (a:Person {name: 'Alice'}) MATCH (a)-[:LIVES_IN]->(c) RETURN c.name",
    expected: { columns: ['c.name'], rows: [['Dublin']], ordered: false },
  },
  {
    name: 'no relationship between two bound nodes matches nothing',
    setup: people,
    query: "MATCH (a {name: 'Alice'}), (c {name: 'Carol'}) MATCH (a)-[r]->(c) RETURN r",
    expected: { columns: ['r'], rows: [], ordered: false },
  },
  {
    name: 'anonymous nodes around a typed relationship',
    setup: people,
    query: 'MATCH ()-[r:KNOWS]->() RETURN count(r)',
    expected: { columns: ['count(r)'], rows: [[2n]], ordered: false },
  },
  {
    name: 'relationship uniqueness: one relationship is not used twice in a pattern',
    setup: single,
    query: 'MATCH (x)-[r1]-(y)-[r2]-(z) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[0n]], ordered: false },
  },
  {
    name: 'relationship uniqueness spans the comma-separated parts of one MATCH',
    setup: single,
    query: 'MATCH (x)-[r1]->(y), (p)-[r2]->(q) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[0n]], ordered: false },
  },
  {
    name: 'separate MATCH clauses may bind the same relationship',
    setup: single,
    query: 'MATCH (x)-[r1]->(y) MATCH (p)-[r2]->(q) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[1n]], ordered: false },
  },
  {
    name: 'a node may appear twice in one pattern (cycle)',
    setup: [`CREATE (a:A {n: 1})-[:R]->(:B)-[:R]->(a)`],
    query: 'MATCH (:A)-[:R]->()-[:R]->(z) RETURN z.n',
    expected: { columns: ['z.n'], rows: [[1n]], ordered: false },
  },
  {
    name: 'a self-loop matched directed',
    setup: [`CREATE (n:L {v: 1})-[:SELF]->(n)`],
    query: 'MATCH (a)-[:SELF]->(a) RETURN a.v',
    expected: { columns: ['a.v'], rows: [[1n]], ordered: false },
  },
  {
    name: 'a self-loop matched undirected yields one row',
    setup: [`CREATE (n:L {v: 1})-[:SELF]->(n)`],
    query: 'MATCH ()-[r]-() RETURN type(r) AS r',
    expected: { columns: ['r'], rows: [['SELF']], ordered: false },
  },
  {
    name: 'variable length * follows any number of hops',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[*]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['b'], ['c'], ['d'], ['e']], ordered: false },
  },
  {
    name: 'variable length *1..3',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[:NEXT*1..3]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['b'], ['c'], ['d']], ordered: false },
  },
  {
    name: 'variable length *..2',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[*..2]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['b'], ['c']], ordered: false },
  },
  {
    name: 'variable length *2 is exactly two hops',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[*2]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['c']], ordered: false },
  },
  {
    name: 'variable length *3.. has no upper bound',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[*3..]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['d'], ['e']], ordered: false },
  },
  {
    name: 'variable length *0..1 includes the start node',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[*0..1]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['a'], ['b']], ordered: false },
  },
  {
    name: 'variable length against the direction of the relationships',
    setup: chain,
    query: "MATCH (:N {n: 'e'})<-[*2]-(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['c']], ordered: false },
  },
  {
    name: 'variable length undirected',
    setup: chain,
    query: "MATCH (:N {n: 'c'})-[*1..2]-(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['b'], ['d'], ['a'], ['e']], ordered: false },
  },
  {
    name: 'variable length with a type that no relationship has',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[:OTHER*]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [], ordered: false },
  },
  {
    name: 'a variable-length relationship variable is a list of relationships',
    setup: chain,
    query: "MATCH (:N {n: 'a'})-[rs:NEXT*]->(:N {n: 'd'}) RETURN size(rs), [r IN rs | type(r)]",
    expected: { columns: ['size(rs)', '[r IN rs | type(r)]'], rows: [[3n, ['NEXT', 'NEXT', 'NEXT']]], ordered: false },
  },
  {
    name: 'variable length between two bound nodes',
    setup: people,
    query: "MATCH (a {name: 'Alice'}), (c {name: 'Carol'}) MATCH (a)-[*]->(c) RETURN count(*)",
    expected: { columns: ['count(*)'], rows: [[1n]], ordered: false },
  },
  {
    name: 'variable length directed around a cycle returns to the start',
    setup: triangle,
    query: "MATCH (:T {n: 'a'})-[*]->(x) RETURN x.n",
    expected: { columns: ['x.n'], rows: [['b'], ['c'], ['a']], ordered: false },
  },
  {
    name: 'variable length undirected uses each relationship at most once per path',
    setup: triangle,
    query: "MATCH (:T {n: 'a'})-[*]-(x) RETURN x.n, count(*)",
    expected: { columns: ['x.n', 'count(*)'], rows: [['a', 2n], ['b', 2n], ['c', 2n]], ordered: false },
  },
  {
    name: 'a named path of one hop',
    setup: chain,
    query: "MATCH p = (:N {n: 'a'})-[:NEXT]->(x) RETURN p",
    expected: {
      columns: ['p'],
      rows: [[path(node(['N'], { n: 'a' }), hop('->', rel('NEXT'), node(['N'], { n: 'b' })))]],
      ordered: false,
    },
  },
  {
    name: 'a named path keeps the direction of a relationship walked backwards',
    setup: chain,
    query: "MATCH p = (:N {n: 'b'})<-[:NEXT]-(x) RETURN p",
    expected: {
      columns: ['p'],
      rows: [[path(node(['N'], { n: 'b' }), hop('<-', rel('NEXT'), node(['N'], { n: 'a' })))]],
      ordered: false,
    },
  },
  {
    name: 'a named variable-length path',
    setup: chain,
    query: "MATCH p = (:N {n: 'a'})-[*]->(:N {n: 'e'}) RETURN length(p), [n IN nodes(p) | n.n]",
    expected: { columns: ['length(p)', '[n IN nodes(p) | n.n]'], rows: [[4n, ['a', 'b', 'c', 'd', 'e']]], ordered: false },
  },
  {
    name: 'a named path of a single node has length 0',
    setup: chain,
    query: "MATCH p = (:N {n: 'a'}) RETURN p, length(p)",
    expected: { columns: ['p', 'length(p)'], rows: [[path(node(['N'], { n: 'a' })), 0n]], ordered: false },
  },
  {
    name: 'a named path of two hops with mixed directions',
    setup: people,
    query: "MATCH p = ({name: 'Alice'})-[:LIVES_IN]->()<-[:WORKS_IN]-() RETURN p",
    expected: {
      columns: ['p'],
      rows: [
        [
          path(
            node(['Person'], { name: 'Alice', age: 38n }),
            hop('->', rel('LIVES_IN'), node(['City'], { name: 'Dublin' })),
            hop('<-', rel('WORKS_IN'), node(['Person', 'Admin'], { name: 'Carol', age: 53n })),
          ),
        ],
      ],
      ordered: false,
    },
  },
];
