/**
 * Which files make up a store for a copy: the metadata file, every record store and its
 * .id file. Not the transaction log files: the copy starts a log of its own after the
 * checkpoint. The target accepts no other name, so a stream cannot write outside the
 * directory it is copied into.
 */
import { META_DATA_FILE } from '../store/meta-data-store.js';
import { storeDescriptors } from '../store/store-type.js';

const NAMES: readonly string[] = Object.freeze([
  META_DATA_FILE,
  ...storeDescriptors.flatMap((descriptor) => [descriptor.fileName, `${descriptor.fileName}.id`]),
]);
const NAME_SET: ReadonlySet<string> = new Set(NAMES);

/** Every file a copy carries, `neostore` first. */
export function storeFileNames(): readonly string[] {
  return NAMES;
}

export function isStoreFileName(name: string): boolean {
  return NAME_SET.has(name);
}

/** Files the checkpoint writes whole and atomically: a copy reads them at the checkpoint. */
export function isSnapshotFile(name: string): boolean {
  return name === META_DATA_FILE || name.endsWith('.id');
}
