/**
 * Plans the matching of a pattern (MATCH, OPTIONAL MATCH, and the match half of MERGE):
 * the order in which its nodes and relationships are bound, and where each predicate
 * goes. Greedy, cheapest step first:
 *
 *   1. an expansion from a bound node: into an already bound node first (a check), then
 *      single hops, then variable-length ones, in the order written;
 *   2. otherwise an anchor for a part with nothing bound, best first:
 *      id(n) = x  <  :Label {key: x} with an index  <  the same without one (a label scan
 *      comparing values)  <  :Label  <  all nodes;
 *   3. after every step, the filters whose variables are now all bound: labels not used by
 *      the anchor, inline properties, WHERE conjuncts; and the path variables of parts
 *      that are complete.
 */
import type { Expression, NodePattern, PatternPart, Position, RelationshipPattern } from '../../../cypher/ast.js';
import type { Direction } from '../../tx/transaction.js';
import type { ExecutionContext } from '../execution-context.js';
import { equals } from '../expressions/equality.js';
import type { Evaluator } from '../expressions/evaluator.js';
import { freeVariables } from '../expressions/free-variables.js';
import { property } from '../expressions/entity-access.js';
import { semanticError } from '../query-errors.js';
import type { RelRef, Row } from '../runtime-values.js';
import type { Scope } from '../scope.js';
import {
  AllNodesScan,
  BindPath,
  BoundNodeCheck,
  BoundRelationshipExpand,
  Expand,
  IdSeek,
  LabelFilter,
  LabelScan,
  PredicateFilter,
  PropertyFilter,
  PropertySeek,
  VarLengthExpand,
  type ExpansionShape,
  type MatchStep,
} from '../operators/match-steps.js';
import { PatternMatcher } from '../operators/pattern-matcher.js';
import type { PlannerContext } from './planner-context.js';
import { conjuncts, idLookup, propertyEquality } from './predicates.js';

export interface PatternPlan {
  readonly matcher: PatternMatcher;
  /** Slots this pattern binds that were not bound before it (an optional miss sets them to null). */
  readonly newSlots: readonly number[];
}

interface NodeVariable {
  readonly name: string;
  readonly slot: number;
  readonly boundBefore: boolean;
  readonly labels: string[];
  readonly order: number;
}

interface RelationshipVariable {
  readonly name: string;
  readonly slot: number;
  readonly boundBefore: boolean;
  readonly pattern: RelationshipPattern;
  readonly left: string;
  readonly right: string;
  readonly order: number;
}

interface Filter {
  /** Variables of this pattern the filter reads (besides those bound before it). */
  readonly needs: ReadonlySet<string>;
  readonly step: MatchStep;
  /** Placed in the steps, or made redundant by the seek that used it. */
  placed: boolean;
}

interface Seek {
  readonly node: string;
  readonly key: string;
  readonly value: Expression;
  readonly needs: ReadonlySet<string>;
  readonly filter: Filter;
}

interface Lookup {
  readonly node: string;
  readonly value: Expression;
  readonly many: boolean;
  readonly needs: ReadonlySet<string>;
  readonly filter: Filter;
}

function labelTest(expression: Expression): { variable: string; label: string } | undefined {
  if (expression.kind !== 'Binary' || expression.operator !== 'IN') return undefined;
  const { left, right } = expression;
  if (left.kind !== 'Literal' || typeof left.value !== 'string') return undefined;
  if (right.kind !== 'FunctionCall' || right.name.toLowerCase() !== 'labels' || right.args.length !== 1 || right.args[0]!.kind !== 'Variable') return undefined;
  return { variable: right.args[0]!.name, label: left.value };
}

/** Internal names of anonymous pattern elements; no Cypher identifier contains a NUL. */
function anonymous(slot: number): string {
  return `\u0000${slot}`;
}

export class MatchPlanner {
  readonly #context: PlannerContext;
  readonly #scope: Scope;
  readonly #clause: 'MATCH' | 'MERGE';
  readonly #nodes = new Map<string, NodeVariable>();
  readonly #relationships: RelationshipVariable[] = [];
  readonly #paths: { readonly slot: number; readonly name: string; readonly part: PatternPart; readonly nodes: readonly string[]; readonly relationships: readonly string[] }[] = [];
  readonly #newSlots: number[] = [];
  readonly #partNodes = new Map<PatternPart, readonly string[]>();
  /** Names declared by this pattern (not bound before it): what filters wait for. */
  readonly #local = new Set<string>();
  readonly #filters: Filter[] = [];
  readonly #seeks: Seek[] = [];
  readonly #lookups: Lookup[] = [];
  readonly #bound = new Set<string>();
  /** node -> the label its anchor scanned or seeked by: no filter needed for it. */
  readonly #consumedLabels = new Map<string, string>();
  readonly #labelsPlaced = new Set<string>();
  readonly #steps: MatchStep[] = [];

  constructor(context: PlannerContext, scope: Scope, clause: 'MATCH' | 'MERGE') {
    this.#context = context;
    this.#scope = scope;
    this.#clause = clause;
  }

  /** Declares the pattern's variables in the scope and plans the match. */
  plan(parts: readonly PatternPart[], where: Expression | undefined): PatternPlan {
    for (const part of parts) this.#declarePart(part);
    for (const part of parts) this.#collectInlineFilters(part);
    for (const conjunct of conjuncts(where)) this.#addConjunct(conjunct);
    this.#order();
    return { matcher: new PatternMatcher(this.#steps), newSlots: this.#newSlots };
  }

  // ---------------------------------------------------------------- declaring

  #declarePart(part: PatternPart): void {
    const nodeNames = part.nodes.map((node) => this.#declareNode(node));
    this.#partNodes.set(part, nodeNames);
    const relationshipNames = part.relationships.map((relationship, i) => this.#declareRelationship(relationship, nodeNames[i]!, nodeNames[i + 1]!));
    if (part.pathVariable !== undefined) {
      const slot = this.#scope.declare(part.pathVariable);
      this.#newSlots.push(slot);
      this.#local.add(part.pathVariable);
      this.#paths.push({ slot, name: part.pathVariable, part, nodes: nodeNames, relationships: relationshipNames });
    }
  }

  #declareNode(pattern: NodePattern): string {
    const name = pattern.variable;
    if (name !== undefined) {
      const known = this.#nodes.get(name);
      if (known !== undefined) {
        for (const label of pattern.labels) if (!known.labels.includes(label)) known.labels.push(label);
        return name;
      }
    }
    const boundBefore = name !== undefined && this.#scope.has(name);
    const slot = boundBefore ? this.#scope.slot(name)! : name !== undefined ? this.#scope.declare(name) : this.#scope.allocator.allocate();
    const key = name ?? anonymous(slot);
    if (!boundBefore) {
      this.#newSlots.push(slot);
      this.#local.add(key);
    } else {
      this.#bound.add(key);
    }
    this.#nodes.set(key, { name: key, slot, boundBefore, labels: [...new Set(pattern.labels)], order: this.#nodes.size });
    return key;
  }

  #declareRelationship(pattern: RelationshipPattern, left: string, right: string): string {
    const name = pattern.variable;
    const boundBefore = name !== undefined && this.#scope.has(name);
    if (boundBefore && pattern.length !== undefined) {
      throw semanticError(`Variable length relationship \`${name}\` cannot be bound before the pattern that uses it; match the pattern with a new variable`, pattern.position);
    }
    const slot = boundBefore ? this.#scope.slot(name)! : name !== undefined ? this.#scope.declare(name) : this.#scope.allocator.allocate();
    const key = name ?? anonymous(slot);
    if (!boundBefore) {
      this.#newSlots.push(slot);
      this.#local.add(key);
    }
    this.#relationships.push({ name: key, slot, boundBefore, pattern, left, right, order: this.#relationships.length });
    return key;
  }

  // ---------------------------------------------------------------- filters

  #needs(expression: Expression, also?: string): Set<string> {
    const needs = new Set<string>();
    for (const name of freeVariables(expression)) if (this.#local.has(name)) needs.add(name);
    if (also !== undefined && this.#local.has(also)) needs.add(also);
    return needs;
  }

  #inlineEntries(properties: Expression | undefined, position: Position): readonly { readonly key: string; readonly value: Expression }[] {
    if (properties === undefined) return [];
    if (properties.kind !== 'Map') {
      throw semanticError(
        `Parameter maps cannot be used in ${this.#clause} patterns (use a literal map instead, eg. "{id: $param.id}")`,
        position,
      );
    }
    return properties.entries;
  }

  #collectInlineFilters(part: PatternPart): void {
    const compiler = this.#context.compiler;
    part.nodes.forEach((pattern, i) => {
      const name = this.#partNodes.get(part)![i]!;
      const slot = this.#nodes.get(name)!.slot;
      for (const entry of this.#inlineEntries(pattern.properties, pattern.position)) {
        const value = compiler.compile(entry.value, this.#scope);
        const filter = this.#addFilter(this.#needs(entry.value, name), new PropertyFilter(slot, entry.key, value));
        const needs = this.#needs(entry.value);
        if (!needs.has(name)) this.#seeks.push({ node: name, key: entry.key, value: entry.value, needs, filter });
      }
    });
    part.relationships.forEach((pattern) => {
      const relationship = this.#relationships.find((candidate) => candidate.pattern === pattern)!;
      const entries = this.#inlineEntries(pattern.properties, pattern.position);
      if (pattern.length !== undefined || entries.length === 0) return;
      for (const entry of entries) {
        const value = compiler.compile(entry.value, this.#scope);
        this.#addFilter(this.#needs(entry.value, relationship.name), new PropertyFilter(relationship.slot, entry.key, value));
      }
    });
  }

  #addFilter(needs: ReadonlySet<string>, step: MatchStep): Filter {
    const filter: Filter = { needs, step, placed: false };
    this.#filters.push(filter);
    return filter;
  }

  #addConjunct(conjunct: Expression): void {
    // `n:Label` arrives as `'Label' IN labels(n)`: a label of the node, usable by the anchor.
    const label = labelTest(conjunct);
    if (label !== undefined && this.#nodes.has(label.variable)) {
      const node = this.#nodes.get(label.variable)!;
      if (!node.labels.includes(label.label)) node.labels.push(label.label);
      return;
    }
    const predicate = this.#context.compiler.compilePredicate(conjunct, this.#scope);
    const filter = this.#addFilter(this.#needs(conjunct), new PredicateFilter(predicate));
    const equality = propertyEquality(conjunct);
    if (equality !== undefined && this.#nodes.has(equality.variable) && this.#local.has(equality.variable)) {
      this.#seeks.push({ node: equality.variable, key: equality.key, value: equality.value, needs: this.#needs(equality.value), filter });
    }
    const lookup = idLookup(conjunct);
    if (lookup !== undefined && this.#nodes.has(lookup.variable) && this.#local.has(lookup.variable)) {
      this.#lookups.push({ node: lookup.variable, value: lookup.value, many: lookup.many, needs: this.#needs(lookup.value), filter });
    }
  }

  // ---------------------------------------------------------------- ordering

  #satisfied(needs: ReadonlySet<string>): boolean {
    for (const name of needs) if (!this.#bound.has(name)) return false;
    return true;
  }

  #order(): void {
    for (const node of this.#nodes.values()) if (node.boundBefore) this.#steps.push(new BoundNodeCheck(node.slot));
    this.#placeFilters();
    const done = new Set<RelationshipVariable>();
    while (done.size < this.#relationships.length || [...this.#nodes.values()].some((node) => !this.#bound.has(node.name))) {
      const expansion = this.#nextExpansion(done);
      if (expansion !== undefined) {
        this.#expand(expansion, done);
      } else {
        this.#anchor();
      }
      this.#placeFilters();
    }
    const unplaced = this.#filters.find((filter) => !filter.placed);
    if (unplaced !== undefined) throw new Error('pattern planner left a filter unplaced: every variable should be bound by now');
  }

  #nextExpansion(done: ReadonlySet<RelationshipVariable>): RelationshipVariable | undefined {
    let best: RelationshipVariable | undefined;
    let bestRank = Infinity;
    for (const relationship of this.#relationships) {
      if (done.has(relationship)) continue;
      const leftBound = this.#bound.has(relationship.left);
      const rightBound = this.#bound.has(relationship.right);
      if (!leftBound && !rightBound) continue;
      const rank = leftBound && rightBound ? 0 : relationship.pattern.length === undefined ? 1 : 2;
      if (rank < bestRank) {
        best = relationship;
        bestRank = rank;
      }
    }
    return best;
  }

  #expand(relationship: RelationshipVariable, done: Set<RelationshipVariable>): void {
    const pattern = relationship.pattern;
    const fromLeft = this.#bound.has(relationship.left);
    const from = this.#nodes.get(fromLeft ? relationship.left : relationship.right)!;
    const to = this.#nodes.get(fromLeft ? relationship.right : relationship.left)!;
    const direction: Direction = fromLeft || pattern.direction === 'both' ? pattern.direction : pattern.direction === 'outgoing' ? 'incoming' : 'outgoing';
    const unique = [...done].filter((other) => other !== relationship).map((other) => other.slot);
    const shape: ExpansionShape = {
      from: from.slot,
      relationship: relationship.slot,
      to: to.slot,
      direction,
      types: pattern.types,
      toBound: this.#bound.has(to.name),
      unique,
    };
    if (relationship.boundBefore) {
      this.#steps.push(new BoundRelationshipExpand(shape));
    } else if (pattern.length !== undefined) {
      this.#steps.push(new VarLengthExpand(shape, pattern.length.min ?? 1, pattern.length.max ?? Infinity, this.#varLengthAccept(pattern)));
    } else {
      this.#steps.push(new Expand(shape));
    }
    done.add(relationship);
    this.#bound.add(relationship.name);
    this.#bound.add(to.name);
  }

  /** Inline properties of a variable-length relationship hold for every relationship on the path. */
  #varLengthAccept(pattern: RelationshipPattern): ((relationship: RelRef, row: Row, context: ExecutionContext) => boolean) | undefined {
    const entries = this.#inlineEntries(pattern.properties, pattern.position);
    if (entries.length === 0) return undefined;
    const checks: { key: string; value: Evaluator }[] = entries.map((entry) => ({ key: entry.key, value: this.#context.compiler.compile(entry.value, this.#scope) }));
    return (relationship, row, context) => checks.every((check) => equals(property(relationship, check.key, context), check.value(row, context)) === true);
  }

  #anchor(): void {
    let best: { cost: number; node: NodeVariable; apply: () => void } | undefined;
    const offer = (cost: number, node: NodeVariable, apply: () => void): void => {
      if (best === undefined || cost < best.cost || (cost === best.cost && node.order < best.node.order)) best = { cost, node, apply };
    };
    for (const node of this.#nodes.values()) {
      if (this.#bound.has(node.name)) continue;
      for (const lookup of this.#lookups) {
        if (lookup.node !== node.name || lookup.filter.placed || !this.#satisfied(lookup.needs)) continue;
        offer(1, node, () => {
          this.#steps.push(new IdSeek(node.slot, this.#context.compiler.compile(lookup.value, this.#scope), lookup.many));
          lookup.filter.placed = true;
        });
      }
      for (const seek of this.#seeks) {
        if (seek.node !== node.name || seek.filter.placed || !this.#satisfied(seek.needs)) continue;
        for (const label of node.labels) {
          offer(this.#context.hasIndex(label, seek.key) ? 2 : 3, node, () => {
            this.#steps.push(new PropertySeek(node.slot, label, seek.key, this.#context.compiler.compile(seek.value, this.#scope)));
            seek.filter.placed = true;
            this.#consumedLabels.set(node.name, label);
          });
        }
      }
      if (node.labels.length > 0) {
        offer(4, node, () => {
          this.#steps.push(new LabelScan(node.slot, node.labels[0]!));
          this.#consumedLabels.set(node.name, node.labels[0]!);
        });
      }
      offer(5, node, () => this.#steps.push(new AllNodesScan(node.slot)));
    }
    const chosen = best as { node: NodeVariable; apply: () => void } | undefined;
    if (chosen === undefined) throw new Error('pattern planner found no node to anchor on');
    chosen.apply();
    this.#bound.add(chosen.node.name);
  }

  /** Places every filter, label check and complete path whose variables are bound now. */
  #placeFilters(): void {
    for (const node of this.#nodes.values()) {
      if (!this.#bound.has(node.name) || this.#labelsPlaced.has(node.name)) continue;
      this.#labelsPlaced.add(node.name);
      for (const label of node.labels) if (this.#consumedLabels.get(node.name) !== label) this.#steps.push(new LabelFilter(node.slot, label));
    }
    for (const filter of this.#filters) {
      if (filter.placed || !this.#satisfied(filter.needs)) continue;
      filter.placed = true;
      this.#steps.push(filter.step);
    }
    for (const path of this.#paths) {
      if (this.#bound.has(path.name)) continue;
      if (!path.nodes.every((name) => this.#bound.has(name)) || !path.relationships.every((name) => this.#bound.has(name))) continue;
      this.#steps.push(
        new BindPath(
          path.slot,
          path.nodes.map((name) => this.#nodes.get(name)!.slot),
          path.relationships.map((name) => {
            const relationship = this.#relationships.find((candidate) => candidate.name === name)!;
            return { slot: relationship.slot, varLength: relationship.pattern.length !== undefined };
          }),
        ),
      );
      this.#bound.add(path.name);
      // Filters on the path variable can go now.
      this.#placeFilters();
      return;
    }
  }
}
