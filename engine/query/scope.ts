/**
 * Variables in scope while a query part is planned, each with its row slot. Slots are
 * numbered per single query by one allocator; a slot is never reused within it, so a
 * row can keep values a later WITH hid from the scope without harm.
 */
export class SlotAllocator {
  #count = 0;

  allocate(): number {
    return this.#count++;
  }

  /** Slots allocated so far: the length rows of this query are created with. */
  get count(): number {
    return this.#count;
  }
}

export class Scope {
  readonly allocator: SlotAllocator;
  readonly #slots: Map<string, number>;

  constructor(allocator: SlotAllocator, slots: ReadonlyMap<string, number> = new Map()) {
    this.allocator = allocator;
    this.#slots = new Map(slots);
  }

  slot(name: string): number | undefined {
    return this.#slots.get(name);
  }

  has(name: string): boolean {
    return this.#slots.has(name);
  }

  /** Binds `name` to a fresh slot (shadowing an earlier binding of the name). */
  declare(name: string): number {
    const slot = this.allocator.allocate();
    this.#slots.set(name, slot);
    return slot;
  }

  bind(name: string, slot: number): void {
    this.#slots.set(name, slot);
  }

  /** A copy to declare more variables in without changing this scope. */
  child(): Scope {
    return new Scope(this.allocator, this.#slots);
  }

  /** Names in scope, in the order they were bound. */
  names(): string[] {
    return [...this.#slots.keys()];
  }

  entries(): IterableIterator<[string, number]> {
    return this.#slots.entries();
  }
}
