import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../cypher/analysis.js';
import type { Query } from '../../../cypher/ast.js';
import { CypherError } from '../../../cypher/cypher-error.js';
import { maxNesting } from '../../../cypher/parse-expression.js';
import { parse } from '../../../cypher/parser.js';

const terms = (count: number, term: (i: number) => string, separator: string): string => Array.from({ length: count }, (_, i) => term(i)).join(separator);

describe('long statements', () => {
  it('parses and analyses twenty thousand ORs (a left-deep tree) without exhausting the stack', () => {
    const statement = parse(`MATCH (n) WHERE ${terms(20_000, (i) => `n.id = $p${i % 7}`, ' OR ')} RETURN n`);
    assert.deepEqual(analyze(statement).parameters, ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  });

  it('parses a sum of twenty thousand terms and a list of twenty thousand items', () => {
    assert.doesNotThrow(() => parse(`RETURN ${terms(20_000, (i) => String(i), ' + ')} AS total`));
    const query = parse(`RETURN [${terms(20_000, (i) => String(i), ', ')}] AS list`) as Query;
    const ret = query.first.clauses[0]!;
    assert.ok(ret.kind === 'Return');
    const list = ret.projection.items[0]!.expression;
    assert.equal(list.kind === 'List' && list.items.length, 20_000);
  });

  it('parses a thousand clauses and a string of a million characters', () => {
    assert.doesNotThrow(() => parse(`WITH 0 AS x0 ${terms(1000, (i) => `WITH x${i} + 1 AS x${i + 1}`, ' ')} RETURN x1000`));
    const big = 'x'.repeat(1_000_000);
    const query = parse(`RETURN '${big}' AS s`) as Query;
    const ret = query.first.clauses[0]!;
    assert.ok(ret.kind === 'Return');
    assert.equal(ret.projection.items[0]!.expression.kind === 'Literal' && ret.projection.items[0]!.expression.value, big);
  });

  it(`counts property lookups and indexes as nesting, up to ${maxNesting}`, () => {
    assert.doesNotThrow(() => parse(`WITH {} AS m RETURN m${'.a'.repeat(maxNesting)}`));
    assert.throws(() => parse(`WITH {} AS m RETURN m${'.a'.repeat(maxNesting + 1)}`), /expressions may nest at most/);
    assert.throws(() => parse(`WITH [] AS l RETURN l${'[0]'.repeat(maxNesting + 1)}`), /expressions may nest at most/);
  });

  it('refuses with a SyntaxError, not a crash, a statement too deep to compare', () => {
    const chain = terms(50_000, (i) => `n.id = ${i}`, ' OR ');
    assert.throws(
      () => parse(`MATCH (n) RETURN DISTINCT ${chain} AS hit ORDER BY ${chain}`),
      (error: unknown) => error instanceof CypherError && error.code === 'Neo.ClientError.Statement.SyntaxError' && /nested too deeply/.test(error.description),
    );
  });
});
