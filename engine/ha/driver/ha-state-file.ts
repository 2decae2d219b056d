/**
 * What an HA member keeps on disk between runs, in one JSON file written atomically
 * (fileSystem.writeFileAtomic: temporary file, fdatasync, rename, directory fsync):
 *
 *   { "version": 1, "serverId": 2, "members": [1, 2, 3] | null,
 *     "hardState": { "epoch": 4, "votedFor": { "epoch": 4, "candidate": 1 } | null } }
 *
 * `hardState` is the core's: its vote must be durable before the vote is sent. `members`
 * are the server ids of the whole cluster once they were all learned from the channel's
 * handshakes, so a member restarted while a peer is down still knows the cluster's size
 * and can build its core at once.
 */
import type { FileSystem } from '../../io/file-system.js';
import type { HardState } from '../ha-core.js';

export interface HaPersistedState {
  readonly members: readonly number[] | undefined;
  readonly hardState: HardState | undefined;
}

interface StateJson {
  version: 1;
  serverId: number;
  members: number[] | null;
  hardState: { epoch: number; votedFor: { epoch: number; candidate: number } | null } | null;
}

export class HaStateFile {
  readonly #fileSystem: FileSystem;
  readonly #file: string;
  readonly #serverId: number;

  constructor(fileSystem: FileSystem, file: string, serverId: number) {
    this.#fileSystem = fileSystem;
    this.#file = file;
    this.#serverId = serverId;
  }

  get file(): string {
    return this.#file;
  }

  /** The state of an earlier run; empty when there was none. Throws when the file is unreadable. */
  read(): HaPersistedState {
    if (!this.#fileSystem.exists(this.#file)) return { members: undefined, hardState: undefined };
    let json: StateJson;
    try {
      json = JSON.parse(this.#fileSystem.readFile(this.#file).toString('utf8')) as StateJson;
    } catch (error) {
      throw new Error(`The HA state file ${this.#file} is not valid JSON (${(error as Error).message}); restore it or delete it only if this member never voted.`, { cause: error });
    }
    if (json.version !== 1 || !isId(json.serverId) || !(json.members === null || (Array.isArray(json.members) && json.members.every(isId)))) {
      throw new Error(`The HA state file ${this.#file} is not graphlb's version 1 HA state; restore it from this member's own data directory.`);
    }
    if (json.serverId !== this.#serverId) {
      throw new Error(
        `The HA state file ${this.#file} belongs to ha.server_id ${json.serverId}, not ${this.#serverId}; a store keeps the id it was created with: fix ha.server_id or use another data directory.`,
      );
    }
    const hard = json.hardState;
    const hardState: HardState | undefined =
      hard === null || !isId(hard.epoch)
        ? undefined
        : { epoch: hard.epoch, votedFor: hard.votedFor === null ? undefined : { epoch: hard.votedFor.epoch, candidate: hard.votedFor.candidate } };
    return { members: json.members ?? undefined, hardState };
  }

  /** Durable when it returns. */
  write(state: HaPersistedState): void {
    const hard = state.hardState;
    const json: StateJson = {
      version: 1,
      serverId: this.#serverId,
      members: state.members === undefined ? null : [...state.members],
      hardState: hard === undefined ? null : { epoch: hard.epoch, votedFor: hard.votedFor ?? null },
    };
    this.#fileSystem.writeFileAtomic(this.#file, Buffer.from(`${JSON.stringify(json)}\n`, 'utf8'));
  }
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
