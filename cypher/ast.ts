/**
 * The abstract syntax tree of a Cypher statement: what the parser produces, what the
 * engine's planner consumes and what the proxy's classifier inspects. Plain data
 * (JSON-serialisable except bigint literals), no behaviour.
 *
 * Every node carries the position where it starts in the statement text, for error
 * messages in Neo4j's form `(line 1, column 8 (offset: 7))`.
 */

export interface Position {
  /** 0-based offset into the statement text, in UTF-16 code units. */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

interface Node<K extends string> {
  readonly kind: K;
  readonly position: Position;
}

// ---------------------------------------------------------------- statements

export type Statement =
  | Query
  | CreateIndex
  | DropIndex
  | CreateConstraint
  | DropConstraint
  | ShowIndexes
  | ShowConstraints;

/** One or more single queries joined by UNION / UNION ALL. */
export interface Query extends Node<'Query'> {
  readonly first: SingleQuery;
  readonly unions: readonly { readonly all: boolean; readonly query: SingleQuery }[];
}

export interface SingleQuery extends Node<'SingleQuery'> {
  readonly clauses: readonly Clause[];
}

/** `CREATE INDEX [name] [IF NOT EXISTS] FOR (n:L) ON (n.p)` and the 3.x `CREATE INDEX ON :L(p)`. */
export interface CreateIndex extends Node<'CreateIndex'> {
  readonly name: string | undefined;
  readonly ifNotExists: boolean;
  readonly label: string;
  /** Only one property is supported by the engine; the parser keeps what was written. */
  readonly properties: readonly string[];
}

/** `DROP INDEX name [IF EXISTS]` or the 3.x `DROP INDEX ON :L(p)`. */
export interface DropIndex extends Node<'DropIndex'> {
  readonly name: string | undefined;
  readonly ifExists: boolean;
  readonly label: string | undefined;
  readonly properties: readonly string[] | undefined;
}

/**
 * `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:L) REQUIRE n.p IS UNIQUE`, the 4.x
 * `ON (n:L) ASSERT n.p IS UNIQUE` form and the 3.x `CREATE CONSTRAINT ON (n:L) ASSERT n.p IS UNIQUE`.
 */
export interface CreateConstraint extends Node<'CreateConstraint'> {
  readonly name: string | undefined;
  readonly ifNotExists: boolean;
  readonly variable: string;
  readonly label: string;
  readonly property: string;
}

/** `DROP CONSTRAINT name [IF EXISTS]` or the 3.x `DROP CONSTRAINT ON (n:L) ASSERT n.p IS UNIQUE`. */
export interface DropConstraint extends Node<'DropConstraint'> {
  readonly name: string | undefined;
  readonly ifExists: boolean;
  readonly label: string | undefined;
  readonly property: string | undefined;
}

export type ShowIndexes = Node<'ShowIndexes'>;
export type ShowConstraints = Node<'ShowConstraints'>;

// ---------------------------------------------------------------- clauses

export type Clause = Match | Unwind | With | Return | Create | Merge | SetClause | Remove | Delete | Foreach | Call;

export interface Match extends Node<'Match'> {
  readonly optional: boolean;
  readonly pattern: Pattern;
  readonly where: Expression | undefined;
}

export interface Unwind extends Node<'Unwind'> {
  readonly expression: Expression;
  readonly variable: string;
}

export interface With extends Node<'With'> {
  readonly projection: Projection;
  readonly where: Expression | undefined;
}

export interface Return extends Node<'Return'> {
  readonly projection: Projection;
}

export interface Create extends Node<'Create'> {
  readonly pattern: Pattern;
}

export interface Merge extends Node<'Merge'> {
  readonly part: PatternPart;
  readonly onCreate: readonly SetItem[];
  readonly onMatch: readonly SetItem[];
}

export interface SetClause extends Node<'Set'> {
  readonly items: readonly SetItem[];
}

export interface Remove extends Node<'Remove'> {
  readonly items: readonly RemoveItem[];
}

export interface Delete extends Node<'Delete'> {
  readonly detach: boolean;
  readonly expressions: readonly Expression[];
}

export interface Foreach extends Node<'Foreach'> {
  readonly variable: string;
  readonly list: Expression;
  /** Only updating clauses (CREATE, MERGE, SET, REMOVE, DELETE, FOREACH). */
  readonly clauses: readonly Clause[];
}

/** `CALL db.labels()` / `CALL db.labels` (implicit arguments) `[YIELD a, b AS c [WHERE ...]]`. */
export interface Call extends Node<'Call'> {
  /** Dotted name as written, e.g. `db.labels`. */
  readonly procedure: string;
  /** undefined when called without parentheses (arguments taken from parameters of the same names). */
  readonly args: readonly Expression[] | undefined;
  /** undefined without YIELD; '*' for `YIELD *`. */
  readonly yield: readonly YieldItem[] | '*' | undefined;
  readonly where: Expression | undefined;
}

export interface YieldItem {
  readonly name: string;
  readonly alias: string | undefined;
}

/** The body of WITH and RETURN. */
export interface Projection {
  readonly distinct: boolean;
  /** `RETURN *` / `WITH *` (items may follow: `RETURN *, n.x AS y`). */
  readonly star: boolean;
  readonly items: readonly ProjectionItem[];
  readonly orderBy: readonly SortItem[] | undefined;
  readonly skip: Expression | undefined;
  readonly limit: Expression | undefined;
}

export interface ProjectionItem {
  readonly expression: Expression;
  /** The AS name, if given. */
  readonly alias: string | undefined;
  /** The expression's source text as written, which names the column when there is no alias (`n.name`, `count(*)`). */
  readonly text: string;
}

export interface SortItem {
  readonly expression: Expression;
  readonly descending: boolean;
}

export type SetItem =
  /** `SET n.p = expr` (target is any expression yielding a node, relationship or map) */
  | (Node<'SetProperty'> & { readonly target: Expression; readonly key: string; readonly value: Expression })
  /** `SET n = map` (merge false) and `SET n += map` (merge true) */
  | (Node<'SetVariable'> & { readonly variable: string; readonly value: Expression; readonly merge: boolean })
  /** `SET n:A:B` */
  | (Node<'SetLabels'> & { readonly variable: string; readonly labels: readonly string[] });

export type RemoveItem =
  | (Node<'RemoveProperty'> & { readonly target: Expression; readonly key: string })
  | (Node<'RemoveLabels'> & { readonly variable: string; readonly labels: readonly string[] });

// ---------------------------------------------------------------- patterns

export type Pattern = readonly PatternPart[];

/** One comma-separated part of a pattern, optionally named: `p = (a)-[r]->(b)`. */
export interface PatternPart extends Node<'PatternPart'> {
  readonly pathVariable: string | undefined;
  /** nodes.length === relationships.length + 1; relationships[i] joins nodes[i] and nodes[i + 1]. */
  readonly nodes: readonly NodePattern[];
  readonly relationships: readonly RelationshipPattern[];
}

export interface NodePattern extends Node<'NodePattern'> {
  readonly variable: string | undefined;
  readonly labels: readonly string[];
  /** A map literal or a parameter. */
  readonly properties: Expression | undefined;
}

export type Direction = 'outgoing' | 'incoming' | 'both';

export interface RelationshipPattern extends Node<'RelationshipPattern'> {
  readonly variable: string | undefined;
  /** Alternatives written `:A|B` (also `:A|:B`); empty means any type. */
  readonly types: readonly string[];
  /** `-->` outgoing (left to right), `<--` incoming, `--` both. */
  readonly direction: Direction;
  readonly properties: Expression | undefined;
  /** undefined: exactly one hop. `*` is { min: undefined, max: undefined }; `*2` is {2, 2}; `*1..3`, `*..3`, `*2..`. */
  readonly length: { readonly min: number | undefined; readonly max: number | undefined } | undefined;
}

// ---------------------------------------------------------------- expressions

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%' | '^'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | 'AND' | 'OR' | 'XOR'
  | 'IN' | 'STARTS WITH' | 'ENDS WITH' | 'CONTAINS' | '=~';

export type Expression =
  /** null, true/false, INTEGER (bigint), FLOAT (number), string */
  | (Node<'Literal'> & { readonly value: null | boolean | bigint | number | string })
  | (Node<'List'> & { readonly items: readonly Expression[] })
  | (Node<'Map'> & { readonly entries: readonly { readonly key: string; readonly value: Expression }[] })
  | (Node<'Parameter'> & { readonly name: string })
  | (Node<'Variable'> & { readonly name: string })
  | (Node<'Property'> & { readonly object: Expression; readonly key: string })
  | (Node<'Binary'> & { readonly operator: BinaryOperator; readonly left: Expression; readonly right: Expression })
  | (Node<'Unary'> & { readonly operator: 'NOT' | '-' | '+'; readonly operand: Expression })
  /** `x IS NULL` (negated false), `x IS NOT NULL` (negated true) */
  | (Node<'IsNull'> & { readonly operand: Expression; readonly negated: boolean })
  /** `list[i]`, `map['key']` */
  | (Node<'Index'> & { readonly object: Expression; readonly index: Expression })
  /** `list[from..to]`, either bound optional */
  | (Node<'Slice'> & { readonly object: Expression; readonly from: Expression | undefined; readonly to: Expression | undefined })
  /** `f(args)`, `count(DISTINCT x)`; name as written (case kept, dotted allowed) */
  | (Node<'FunctionCall'> & { readonly name: string; readonly distinct: boolean; readonly args: readonly Expression[] })
  | Node<'CountStar'>
  /** simple form when subject is set: `CASE x WHEN 1 THEN ... ELSE ... END` */
  | (Node<'Case'> & {
      readonly subject: Expression | undefined;
      readonly alternatives: readonly { readonly when: Expression; readonly then: Expression }[];
      readonly else: Expression | undefined;
    })
  /** `[x IN list WHERE pred | expr]` */
  | (Node<'ListComprehension'> & {
      readonly variable: string;
      readonly list: Expression;
      readonly where: Expression | undefined;
      readonly map: Expression | undefined;
    })
  /** `n {.name, .*, age: expr, other}` */
  | (Node<'MapProjection'> & { readonly variable: string; readonly items: readonly MapProjectionItem[] });

export type MapProjectionItem =
  | { readonly kind: 'PropertySelector'; readonly key: string }
  | { readonly kind: 'AllProperties' }
  | { readonly kind: 'LiteralEntry'; readonly key: string; readonly value: Expression }
  | { readonly kind: 'VariableSelector'; readonly name: string };

export type ExpressionKind = Expression['kind'];
