/**
 * Record ids. Every pointer field of every record is a u32; the all-ones value means
 * "no record", so the largest usable id is one below it.
 */

/** The pointer value meaning "no record" (end of a chain, no first property, ...). */
export const NO_ID = 0xffffffff;

/** Ids go from 0 up to, but not including, NO_ID. */
export const MAX_ID = NO_ID - 1;

export function isRecordId(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= MAX_ID;
}

export function checkRecordId(what: string, id: number): void {
  if (!isRecordId(id)) {
    throw new Error(`${what} id ${id} is not a record id: expected an integer from 0 to ${MAX_ID}`);
  }
}
