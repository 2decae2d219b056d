import type { ConformanceCase } from '../conformance-case.js';

export const cases: ConformanceCase[] = [
  {
    name: 'UNION removes duplicate rows',
    query: 'RETURN 1 AS x UNION RETURN 1 AS x',
    expected: { columns: ['x'], rows: [[1n]], ordered: false },
  },
  {
    name: 'UNION ALL keeps duplicate rows',
    query: 'RETURN 1 AS x UNION ALL RETURN 1 AS x',
    expected: { columns: ['x'], rows: [[1n], [1n]], ordered: false },
  },
  {
    name: 'UNION removes duplicates within one part too',
    query: 'UNWIND [1, 1, 2] AS x RETURN x UNION RETURN 3 AS x',
    expected: { columns: ['x'], rows: [[1n], [2n], [3n]], ordered: false },
  },
  {
    name: 'UNION treats null rows as duplicates',
    query: 'RETURN null AS x UNION RETURN null AS x',
    expected: { columns: ['x'], rows: [[null]], ordered: false },
  },
  {
    name: 'UNION of two MATCH queries',
    setup: [`CREATE (:Person {name: 'Ann'}), (:Person {name: 'Dublin'}), (:City {name: 'Dublin'}), (:City {name: 'Cork'})`],
    query: 'MATCH (p:Person) RETURN p.name AS name UNION MATCH (c:City) RETURN c.name AS name',
    expected: { columns: ['name'], rows: [['Ann'], ['Dublin'], ['Cork']], ordered: false },
  },
  {
    name: 'UNION ALL of three parts with two columns',
    query: "RETURN 1 AS a, 'x' AS b UNION ALL RETURN 2 AS a, 'y' AS b UNION ALL RETURN 1 AS a, 'x' AS b",
    expected: { columns: ['a', 'b'], rows: [[1n, 'x'], [2n, 'y'], [1n, 'x']], ordered: false },
  },
  {
    name: 'UNION parts must have the same column names',
    query: 'RETURN 1 AS x UNION RETURN 1 AS y',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
  {
    name: 'UNION parts must have the same number of columns',
    query: 'RETURN 1 AS x UNION RETURN 1 AS x, 2 AS y',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
  {
    name: 'UNION and UNION ALL may not be mixed',
    query: 'RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
];
