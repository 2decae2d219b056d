/**
 * The variables an expression reads from its row (those a list comprehension binds
 * itself excluded): the planner places a predicate right after the step that binds the
 * last of them.
 */
import type { Expression } from '../../../cypher/ast.js';

export function freeVariables(expression: Expression, into: Set<string> = new Set(), bound: ReadonlySet<string> = new Set()): Set<string> {
  const visit = (node: Expression | undefined): void => {
    if (node !== undefined) freeVariables(node, into, bound);
  };
  switch (expression.kind) {
    case 'Literal':
    case 'Parameter':
    case 'CountStar':
      break;
    case 'Variable':
      if (!bound.has(expression.name)) into.add(expression.name);
      break;
    case 'List':
      for (const item of expression.items) visit(item);
      break;
    case 'Map':
      for (const entry of expression.entries) visit(entry.value);
      break;
    case 'Property':
      visit(expression.object);
      break;
    case 'Binary':
      visit(expression.left);
      visit(expression.right);
      break;
    case 'Unary':
    case 'IsNull':
      visit(expression.operand);
      break;
    case 'Index':
      visit(expression.object);
      visit(expression.index);
      break;
    case 'Slice':
      visit(expression.object);
      visit(expression.from);
      visit(expression.to);
      break;
    case 'FunctionCall':
      for (const argument of expression.args) visit(argument);
      break;
    case 'Case':
      visit(expression.subject);
      for (const alternative of expression.alternatives) {
        visit(alternative.when);
        visit(alternative.then);
      }
      visit(expression.else);
      break;
    case 'ListComprehension': {
      visit(expression.list);
      const inner = new Set(bound).add(expression.variable);
      if (expression.where !== undefined) freeVariables(expression.where, into, inner);
      if (expression.map !== undefined) freeVariables(expression.map, into, inner);
      break;
    }
    case 'MapProjection':
      if (!bound.has(expression.variable)) into.add(expression.variable);
      for (const item of expression.items) {
        if (item.kind === 'LiteralEntry') visit(item.value);
        else if (item.kind === 'VariableSelector' && !bound.has(item.name)) into.add(item.name);
      }
      break;
  }
  return into;
}
