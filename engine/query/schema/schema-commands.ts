/**
 * CREATE / DROP INDEX and CONSTRAINT (the 4.x forms and the 3.x `ON :Label(property)`
 * forms) through the transaction's schema rules, IF [NOT] EXISTS honoured; SHOW INDEXES
 * and SHOW CONSTRAINTS with Neo4j 4.4's columns.
 */
import { Neo4jError } from '../../../protocol/errors.js';
import type { SchemaRuleView, Transaction } from '../../tx/transaction.js';
import { semanticError } from '../query-errors.js';
import type { StatisticsCounter } from '../query-statistics.js';
import type { RuntimeValue } from '../runtime-values.js';
import type { SchemaStatement } from '../planner/planner.js';
import { constraintRows, indexRows, SHOW_CONSTRAINTS_COLUMNS, SHOW_INDEXES_COLUMNS } from './schema-listing.js';

export interface SchemaResult {
  readonly columns: readonly string[];
  readonly rows: RuntimeValue[][];
}

const NO_RESULT: SchemaResult = { columns: [], rows: [] };

/** The name the transaction layer gives a rule created without one. */
function defaultName(kind: SchemaRuleView['kind'], label: string, property: string): string {
  return `${kind === 'index' ? 'index' : 'constraint'}_${label}_${property}`;
}

function describeRule(rule: SchemaRuleView): string {
  return rule.kind === 'index'
    ? `Index( id=${rule.id}, name='${rule.name}', type='GENERAL BTREE', schema=(:${rule.label} {${rule.property}}), indexProvider='native-btree-1.0' )`
    : `Constraint( id=${rule.id}, name='${rule.name}', type='UNIQUENESS', schema=(:${rule.label} {${rule.property}}), ownedIndex=${rule.id} )`;
}

/**
 * Refuses a new rule that clashes with an existing one, with the code Neo4j 4.4 answers:
 * the same rule again (EquivalentSchemaRuleAlreadyExists), another rule on the same
 * label and property (IndexAlreadyExists / ConstraintAlreadyExists), or a name in use.
 */
function checkClashes(rules: readonly SchemaRuleView[], kind: SchemaRuleView['kind'], label: string, property: string, name: string | undefined): void {
  const effectiveName = name ?? defaultName(kind, label, property);
  const sameSchema = rules.find((rule) => rule.label === label && rule.property === property);
  if (sameSchema !== undefined) {
    if (sameSchema.kind === kind && sameSchema.name === effectiveName) {
      throw new Neo4jError(
        'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
        `An equivalent ${kind === 'index' ? 'index' : 'constraint'} already exists, '${describeRule(sameSchema)}'.`,
      );
    }
    if (sameSchema.kind === 'index') {
      throw new Neo4jError(
        'Neo.ClientError.Schema.IndexAlreadyExists',
        kind === 'index'
          ? `There already exists an index (:${label} {${property}}).`
          : `There already exists an index (:${label} {${property}}). A constraint cannot be created until the index has been dropped.`,
      );
    }
    throw new Neo4jError(
      'Neo.ClientError.Schema.ConstraintAlreadyExists',
      kind === 'index'
        ? `There is a uniqueness constraint on (:${label} {${property}}), so an index is already created that matches this.`
        : `Constraint already exists: ${describeRule(sameSchema)}`,
    );
  }
  const sameName = rules.find((rule) => rule.name === effectiveName);
  if (sameName !== undefined) {
    throw sameName.kind === 'index'
      ? new Neo4jError('Neo.ClientError.Schema.IndexWithNameAlreadyExists', `There already exists an index called '${effectiveName}'.`)
      : new Neo4jError('Neo.ClientError.Schema.ConstraintWithNameAlreadyExists', `There already exists a constraint called '${effectiveName}'.`);
  }
}

export async function runSchemaCommand(statement: SchemaStatement, tx: Transaction, statistics: StatisticsCounter): Promise<SchemaResult> {
  const rules = tx.schemaRules();
  switch (statement.kind) {
    case 'CreateIndex': {
      if (statement.properties.length !== 1) {
        throw semanticError(`Only single-property indexes are supported, but ${statement.properties.length} properties were given: create one index per property`, statement.position);
      }
      const property = statement.properties[0]!;
      // IF NOT EXISTS: any rule of that name or on that schema (a constraint's index too) will do.
      if (statement.ifNotExists && rules.some((rule) => rule.name === statement.name || (rule.label === statement.label && rule.property === property))) {
        return NO_RESULT;
      }
      checkClashes(rules, 'index', statement.label, property, statement.name);
      await tx.createSchemaRule('index', statement.label, property, statement.name);
      statistics.indexesAdded++;
      return NO_RESULT;
    }
    case 'DropIndex': {
      let name = statement.name;
      if (name === undefined) {
        const property = statement.properties?.[0];
        const rule = rules.find((candidate) => candidate.kind === 'index' && candidate.label === statement.label && candidate.property === property);
        if (rule === undefined) {
          if (statement.ifExists) return NO_RESULT;
          throw new Neo4jError('Neo.DatabaseError.Schema.IndexDropFailed', `Unable to drop index on (:${statement.label ?? ''} {${property ?? ''}}). There is no such index.`);
        }
        name = rule.name;
      } else if (!rules.some((rule) => rule.kind === 'index' && rule.name === name)) {
        if (statement.ifExists) return NO_RESULT;
        throw new Neo4jError('Neo.DatabaseError.Schema.IndexDropFailed', `Unable to drop index called \`${name}\`. There is no such index.`);
      }
      await tx.dropSchemaRule(name, 'index');
      statistics.indexesRemoved++;
      return NO_RESULT;
    }
    case 'CreateConstraint': {
      if (
        statement.ifNotExists &&
        rules.some((rule) => rule.name === statement.name || (rule.kind === 'uniqueness' && rule.label === statement.label && rule.property === statement.property))
      ) {
        return NO_RESULT;
      }
      checkClashes(rules, 'uniqueness', statement.label, statement.property, statement.name);
      try {
        await tx.createSchemaRule('uniqueness', statement.label, statement.property, statement.name);
      } catch (error) {
        if (error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
          const name = statement.name ?? defaultName('uniqueness', statement.label, statement.property);
          throw new Neo4jError(
            'Neo.DatabaseError.Schema.ConstraintCreationFailed',
            `Unable to create Constraint( name='${name}', type='UNIQUENESS', schema=(:${statement.label} {${statement.property}}) ):\n${error.message.replace(/^Unable to create constraint: /, '')}`,
            { cause: error },
          );
        }
        throw error;
      }
      statistics.constraintsAdded++;
      return NO_RESULT;
    }
    case 'DropConstraint': {
      let name = statement.name;
      if (name === undefined) {
        const rule = rules.find((candidate) => candidate.kind === 'uniqueness' && candidate.label === statement.label && candidate.property === statement.property);
        if (rule === undefined) {
          if (statement.ifExists) return NO_RESULT;
          throw new Neo4jError(
            'Neo.DatabaseError.Schema.ConstraintDropFailed',
            `Unable to drop constraint on (:${statement.label ?? ''} {${statement.property ?? ''}}): No such constraint exists.`,
          );
        }
        name = rule.name;
      } else if (!rules.some((rule) => rule.kind === 'uniqueness' && rule.name === name)) {
        if (statement.ifExists) return NO_RESULT;
        throw new Neo4jError('Neo.DatabaseError.Schema.ConstraintDropFailed', `Unable to drop constraint \`${name}\`: No such constraint ${name}.`);
      }
      await tx.dropSchemaRule(name, 'uniqueness');
      statistics.constraintsRemoved++;
      return NO_RESULT;
    }
    case 'ShowIndexes':
      return { columns: SHOW_INDEXES_COLUMNS, rows: indexRows(tx) };
    case 'ShowConstraints':
      return { columns: SHOW_CONSTRAINTS_COLUMNS, rows: constraintRows(tx) };
  }
}
