/**
 * Random expression trees are printed with the fewest parentheses that Cypher's precedence
 * table (written down again here, independently of the parser) allows, parsed, and
 * compared with the tree they came from. A failure names the seed and the text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BinaryOperator, Expression, Query } from '../../../cypher/ast.js';
import { parse } from '../../../cypher/parser.js';
import { Random } from '../../support/random.js';
import { render } from './ast-helpers.js';

const at = { offset: 0, line: 1, column: 1 };

const level: Record<BinaryOperator, number> = {
  OR: 1, XOR: 2, AND: 3,
  '=': 5, '<>': 5, '<': 5, '<=': 5, '>': 5, '>=': 5,
  IN: 6, 'STARTS WITH': 6, 'ENDS WITH': 6, CONTAINS: 6, '=~': 6,
  '+': 7, '-': 7, '*': 8, '/': 8, '%': 8, '^': 9,
};
const NOT = 4;
const PREDICATE = 6;
const UNARY = 10;
const POSTFIX = 11;
const ATOM = 12;

function precedence(e: Expression): number {
  switch (e.kind) {
    case 'Binary':
      return level[e.operator];
    case 'Unary':
      return e.operator === 'NOT' ? NOT : UNARY;
    case 'IsNull':
      return PREDICATE;
    case 'Property':
    case 'Index':
      return POSTFIX;
    case 'Literal':
      return (typeof e.value === 'bigint' || typeof e.value === 'number') && e.value < 0 ? UNARY : ATOM;
    default:
      return ATOM;
  }
}

/** Cypher text for `e`, in parentheses when its precedence is below `min`. */
function print(e: Expression, min: number): string {
  const text = printBare(e);
  return precedence(e) < min ? `(${text})` : text;
}

function printBare(e: Expression): string {
  switch (e.kind) {
    case 'Binary': {
      const p = level[e.operator];
      // Comparisons do not nest without parentheses: a < b < c would be a chain.
      const [left, right] = p === 5 ? [p + 1, p + 1] : [p, p + 1];
      return `${print(e.left, left)} ${e.operator} ${print(e.right, right)}`;
    }
    case 'Unary':
      if (e.operator === 'NOT') return `NOT ${print(e.operand, NOT)}`;
    {
      // A minus sign written right before a number belongs to the number (-1.5[0] indexes
      // the literal -1.5), so a negated operand that starts with a number is parenthesised.
      const operand = print(e.operand, UNARY);
      return `${e.operator} ${e.operator === '-' && /^[0-9]/.test(operand) ? `(${operand})` : operand}`;
    }
    case 'IsNull':
      return `${print(e.operand, PREDICATE)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'Property':
      return `${print(e.object, POSTFIX)}.${e.key}`;
    case 'Index':
      return `${print(e.object, POSTFIX)}[${print(e.index, 0)}]`;
    case 'FunctionCall':
      return `${e.name}(${e.args.map((arg) => print(arg, 0)).join(', ')})`;
    case 'List':
    {
      // [x IN list ...] is a list comprehension, so a first item starting `x IN` needs parentheses.
      const items = e.items.map((item) => print(item, 0));
      if (/^\w+ IN /.test(items[0] ?? '')) items[0] = `(${items[0]})`;
      return `[${items.join(', ')}]`;
    }
    case 'Literal':
      if (typeof e.value === 'string') return `'${e.value}'`;
      if (typeof e.value === 'number') return Number.isInteger(e.value) ? e.value.toFixed(1) : String(e.value);
      return String(e.value);
    case 'Variable':
      return e.name;
    case 'Parameter':
      return `$${e.name}`;
    default:
      throw new Error(`the generator does not make ${e.kind}`);
  }
}

const operators = Object.keys(level) as BinaryOperator[];

function generate(random: Random, depth: number): Expression {
  if (depth === 0 || random.chance(0.25)) return leaf(random);
  switch (random.int(7)) {
    case 0:
    case 1:
    case 2:
      return { kind: 'Binary', operator: random.pick(operators), left: generate(random, depth - 1), right: generate(random, depth - 1), position: at };
    case 3:
      return { kind: 'Unary', operator: random.pick(['NOT', '-', '+'] as const), operand: generate(random, depth - 1), position: at };
    case 4:
      return { kind: 'IsNull', operand: generate(random, depth - 1), negated: random.chance(0.5), position: at };
    case 5:
      return random.chance(0.5)
        ? { kind: 'Property', object: generate(random, depth - 1), key: random.pick(['x', 'name']), position: at }
        : { kind: 'Index', object: generate(random, depth - 1), index: generate(random, depth - 1), position: at };
    default:
      return random.chance(0.5)
        ? { kind: 'FunctionCall', name: random.pick(['size', 'coalesce']), distinct: false, args: [generate(random, depth - 1)], position: at }
        : { kind: 'List', items: [generate(random, depth - 1), generate(random, depth - 1)], position: at };
  }
}

function leaf(random: Random): Expression {
  switch (random.int(6)) {
    case 0:
      return { kind: 'Literal', value: BigInt(random.int(200) - 100), position: at };
    case 1:
      return { kind: 'Literal', value: random.pick([1.5, 0.25, 2, -3.5]), position: at };
    case 2:
      return { kind: 'Literal', value: random.pick(['s', 'text', true, false, null]), position: at };
    case 3:
      return { kind: 'Parameter', name: random.pick(['p', 'q']), position: at };
    default:
      return { kind: 'Variable', name: random.pick(['a', 'b', 'c']), position: at };
  }
}

describe('operator precedence against a reference printer', () => {
  for (const seed of Array.from({ length: 40 }, (_, i) => i + 1)) {
    it(`seed ${seed}: 250 random expressions print and parse back to the same tree`, () => {
      const random = new Random(seed);
      for (let i = 0; i < 250; i++) {
        const tree = generate(random, 5);
        const text = print(tree, 0);
        const query = parse(`WITH 1 AS a, 2 AS b, 3 AS c RETURN ${text}`) as Query;
        const ret = query.first.clauses[1]!;
        assert.ok(ret.kind === 'Return');
        assert.equal(render(ret.projection.items[0]!.expression), render(tree), `seed ${seed}, expression ${i}: ${text}`);
      }
    });
  }
});
