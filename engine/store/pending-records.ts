/**
 * After-images of transactions appended to the log but not yet applied to the store.
 * Change sets read through it so that back-to-back commits see each other's records
 * while the earlier one waits for its fsync.
 */
import type { RecordCommand } from './record-command.js';
import { recordKey, type StoreType } from './store-type.js';

export class PendingRecords {
  readonly #images = new Map<number, Buffer>();

  add(commands: readonly RecordCommand[]): void {
    for (const command of commands) this.#images.set(recordKey(command.store, command.id), command.after);
  }

  /** Forgets these commands' entries, unless a later add replaced them. */
  remove(commands: readonly RecordCommand[]): void {
    for (const command of commands) {
      const key = recordKey(command.store, command.id);
      if (this.#images.get(key) === command.after) this.#images.delete(key);
    }
  }

  get(store: StoreType, id: number): Buffer | undefined {
    return this.#images.get(recordKey(store, id));
  }

  get size(): number {
    return this.#images.size;
  }
}
