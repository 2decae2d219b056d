/**
 * The tokens of one kind in memory (Neo4j's TokenHolder): name -> id and id -> name,
 * loaded when the store opens and updated as token records are applied.
 */
export interface Token {
  readonly id: number;
  readonly name: string;
}

export class TokenHolder {
  readonly #byName = new Map<string, number>();
  readonly #byId = new Map<number, string>();
  #sorted: Token[] | undefined;

  put(id: number, name: string): void {
    const previous = this.#byId.get(id);
    if (previous === name) return;
    if (previous !== undefined && this.#byName.get(previous) === id) this.#byName.delete(previous);
    this.#byId.set(id, name);
    // Two ids with one name cannot come from the transaction layer; if a store holds them, the lowest id wins.
    const existing = this.#byName.get(name);
    if (existing === undefined || id < existing) this.#byName.set(name, id);
    this.#sorted = undefined;
  }

  idOf(name: string): number | undefined {
    return this.#byName.get(name);
  }

  nameOf(id: number): string | undefined {
    return this.#byId.get(id);
  }

  /** Every token, by ascending id. */
  all(): readonly Token[] {
    this.#sorted ??= [...this.#byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.id - b.id);
    return this.#sorted;
  }
}
