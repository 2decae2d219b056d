/**
 * Test helpers for the parser's tree. `render` writes an expression fully parenthesised,
 * so that a test states a tree in one line: `a OR b AND c` is `(a OR (b AND c))`. Floats
 * always show a fraction (`1.0`), integers never do, strings use single quotes.
 */
import assert from 'node:assert/strict';
import type { Expression, MapProjectionItem } from '../../../cypher/ast.js';

export function render(expression: Expression): string {
  switch (expression.kind) {
    case 'Literal': {
      const value = expression.value;
      if (typeof value === 'string') return `'${value}'`;
      if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
      return String(value);
    }
    case 'Parameter':
      return `$${expression.name}`;
    case 'Variable':
      return expression.name;
    case 'Property':
      return `${render(expression.object)}.${expression.key}`;
    case 'Binary':
      return `(${render(expression.left)} ${expression.operator} ${render(expression.right)})`;
    case 'Unary':
      return expression.operator === 'NOT' ? `(NOT ${render(expression.operand)})` : `(${expression.operator}${render(expression.operand)})`;
    case 'IsNull':
      return `(${render(expression.operand)} IS ${expression.negated ? 'NOT ' : ''}NULL)`;
    case 'Index':
      return `${render(expression.object)}[${render(expression.index)}]`;
    case 'Slice':
      return `${render(expression.object)}[${expression.from === undefined ? '' : render(expression.from)}..${expression.to === undefined ? '' : render(expression.to)}]`;
    case 'FunctionCall':
      return `${expression.name}(${expression.distinct ? 'DISTINCT ' : ''}${expression.args.map(render).join(', ')})`;
    case 'CountStar':
      return 'count(*)';
    case 'List':
      return `[${expression.items.map(render).join(', ')}]`;
    case 'Map':
      return `{${expression.entries.map((entry) => `${entry.key}: ${render(entry.value)}`).join(', ')}}`;
    case 'Case': {
      const subject = expression.subject === undefined ? '' : ` ${render(expression.subject)}`;
      const alternatives = expression.alternatives.map((alternative) => ` WHEN ${render(alternative.when)} THEN ${render(alternative.then)}`).join('');
      const otherwise = expression.else === undefined ? '' : ` ELSE ${render(expression.else)}`;
      return `CASE${subject}${alternatives}${otherwise} END`;
    }
    case 'ListComprehension':
      return `[${expression.variable} IN ${render(expression.list)}${expression.where === undefined ? '' : ` WHERE ${render(expression.where)}`}${expression.map === undefined ? '' : ` | ${render(expression.map)}`}]`;
    case 'MapProjection':
      return `${expression.variable}{${expression.items.map(renderItem).join(', ')}}`;
  }
}

function renderItem(item: MapProjectionItem): string {
  switch (item.kind) {
    case 'AllProperties':
      return '.*';
    case 'PropertySelector':
      return `.${item.key}`;
    case 'VariableSelector':
      return item.name;
    case 'LiteralEntry':
      return `${item.key}: ${render(item.value)}`;
  }
}

/**
 * Asserts that `actual` has the shape `expected`: objects need only the keys `expected`
 * lists (a key listed as undefined must be undefined), arrays must match item by item.
 */
export function assertShape(actual: unknown, expected: unknown, path = '$'): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${show(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: expected ${expected.length} items, got ${show(actual)}`);
    expected.forEach((item, i) => assertShape(actual[i], item, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected)) assertShape((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    assert.equal(actual, expected, `${path}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function show(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : inner)) ?? String(value);
}
