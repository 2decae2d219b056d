/**
 * What a statement changed, under the names Neo4j's HTTP API uses in `stats` (including
 * its `relationship_deleted`, singular).
 */
export interface QueryStatistics {
  readonly contains_updates: boolean;
  readonly nodes_created: number;
  readonly nodes_deleted: number;
  readonly properties_set: number;
  readonly relationships_created: number;
  readonly relationship_deleted: number;
  readonly labels_added: number;
  readonly labels_removed: number;
  readonly indexes_added: number;
  readonly indexes_removed: number;
  readonly constraints_added: number;
  readonly constraints_removed: number;
  readonly contains_system_updates: boolean;
  readonly system_updates: number;
}

/** The counters a running statement increments. */
export class StatisticsCounter {
  nodesCreated = 0;
  nodesDeleted = 0;
  propertiesSet = 0;
  relationshipsCreated = 0;
  relationshipsDeleted = 0;
  labelsAdded = 0;
  labelsRemoved = 0;
  indexesAdded = 0;
  indexesRemoved = 0;
  constraintsAdded = 0;
  constraintsRemoved = 0;

  toStatistics(): QueryStatistics {
    const containsUpdates =
      this.nodesCreated + this.nodesDeleted + this.propertiesSet + this.relationshipsCreated + this.relationshipsDeleted +
        this.labelsAdded + this.labelsRemoved + this.indexesAdded + this.indexesRemoved + this.constraintsAdded + this.constraintsRemoved >
      0;
    return {
      contains_updates: containsUpdates,
      nodes_created: this.nodesCreated,
      nodes_deleted: this.nodesDeleted,
      properties_set: this.propertiesSet,
      relationships_created: this.relationshipsCreated,
      relationship_deleted: this.relationshipsDeleted,
      labels_added: this.labelsAdded,
      labels_removed: this.labelsRemoved,
      indexes_added: this.indexesAdded,
      indexes_removed: this.indexesRemoved,
      constraints_added: this.constraintsAdded,
      constraints_removed: this.constraintsRemoved,
      contains_system_updates: false,
      system_updates: 0,
    };
  }
}
