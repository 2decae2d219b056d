import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Neo4jError } from '../../../protocol/errors.js';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

/** Every failure is a Neo4jError with Neo4j's status code and a message that says what went wrong. */
describe('statement errors', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await openQueryFixture({ maxRows: 1000 });
  });
  after(() => fixture.close());

  async function failure(statement: string, parameters = {}): Promise<Neo4jError> {
    try {
      await fixture.run(statement, parameters);
    } catch (error) {
      return error as Neo4jError;
    }
    assert.fail(`${statement} succeeded`);
  }

  it('a syntax error carries line, column and offset', async () => {
    const error = await failure('MATCH (n)\nRETURN n +');
    assert.equal(error.code, 'Neo.ClientError.Statement.SyntaxError');
    assert.match(error.message, /\(line 2, column 11 \(offset: 20\)\)/);
  });

  it('an unknown function is a syntax error naming it', async () => {
    const error = await failure('RETURN frobnicate(1)');
    assert.equal(error.code, 'Neo.ClientError.Statement.SyntaxError');
    assert.match(error.message, /^Unknown function 'frobnicate'/);
  });

  it('function names are case-insensitive', async () => {
    assert.deepEqual(await fixture.rows('RETURN ToUpper("a"), SIZE([1, 2]), coaLESCE(null, 3)'), [['A', 2n, 3n]]);
  });

  it('a missing parameter is named', async () => {
    const error = await failure('RETURN $a + $b', { a: 1n });
    assert.equal(error.code, 'Neo.ClientError.Statement.ParameterMissing');
    assert.equal(error.message, 'Expected parameter(s): b');
  });

  it('integer overflow and division by zero are arithmetic errors; float division is not', async () => {
    assert.equal((await failure('RETURN 9223372036854775807 + 1')).code, 'Neo.ClientError.Statement.ArithmeticError');
    const divide = await failure('RETURN $x / 0', { x: 1n });
    assert.equal(divide.code, 'Neo.ClientError.Statement.ArithmeticError');
    assert.equal(divide.message, '/ by zero');
    assert.equal((await failure('RETURN 5 % 0')).code, 'Neo.ClientError.Statement.ArithmeticError');
    const [[infinity, nan]] = (await fixture.rows('RETURN 1.0 / 0, 0.0 / 0')) as [[number, number]];
    assert.equal(infinity, Infinity);
    assert.ok(Number.isNaN(nan));
  });

  it('a value of the wrong type is a type error saying what was expected', async () => {
    const error = await failure('RETURN range(1, $n)', { n: 'ten' });
    assert.equal(error.code, 'Neo.ClientError.Statement.TypeError');
    assert.equal(error.message, 'Type mismatch: expected Integer but was String');
    assert.equal((await failure('RETURN 1 - "a"')).code, 'Neo.ClientError.Statement.TypeError');
    assert.equal((await failure('RETURN NOT 1')).code, 'Neo.ClientError.Statement.TypeError');
    assert.equal((await failure('CREATE (n {p: {a: 1}})')).code, 'Neo.ClientError.Statement.TypeError');
  });

  it('a result or a list over maxRows is refused without taking the process down', async () => {
    const huge = await failure('UNWIND range(1, 100000000000) AS x RETURN x');
    assert.equal(huge.code, 'Neo.TransientError.General.MemoryPoolOutOfMemoryError');
    assert.match(huge.message, /maxRows/);
    const wide = await failure('UNWIND range(1, 100) AS x UNWIND range(1, 100) AS y RETURN x, y');
    assert.equal(wide.code, 'Neo.TransientError.General.MemoryPoolOutOfMemoryError');
    // The same rows aggregated are fine: only what is held counts.
    assert.deepEqual(await fixture.rows('UNWIND range(1, 100) AS x UNWIND range(1, 100) AS y RETURN count(*)'), [[10000n]]);
  });

  it('an unknown procedure is ProcedureNotFound', async () => {
    const error = await failure('CALL db.nothing()');
    assert.equal(error.code, 'Neo.ClientError.Procedure.ProcedureNotFound');
    assert.match(error.message, /`db\.nothing`/);
  });

  it('a write in a READ transaction is an access mode error', async () => {
    await assert.rejects(fixture.run('CREATE (n)', {}, 'READ'), { code: 'Neo.ClientError.Statement.AccessMode' });
    assert.deepEqual(fixture.engine.info('CREATE (n)'), { updating: true, schema: false, parameters: [], procedures: [], functions: [] });
  });

  it('reading a node deleted earlier in the statement is EntityNotFound', async () => {
    const error = await failure('CREATE (n {p: 1}) DELETE n RETURN n.p');
    assert.equal(error.code, 'Neo.ClientError.Statement.EntityNotFound');
  });

  it('SKIP and LIMIT want non-negative integers', async () => {
    assert.equal((await failure('RETURN 1 LIMIT -1')).code, 'Neo.ClientError.Statement.SyntaxError');
    assert.equal((await failure('RETURN 1 SKIP $n', { n: -2n })).code, 'Neo.ClientError.Statement.ArgumentError');
  });
});
