/**
 * The bytes of a node's labels when they do not fit in its record, stored in a chain of
 * neostore.nodestore.db.labels records (see dynamic-record.ts for the chain).
 *
 * Layout: the label token ids as u32 little-endian, ascending, no duplicates; the count is
 * the byte length divided by 4.
 */

export function encodeLabelArray(labels: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(labels.length * 4);
  for (let i = 0; i < labels.length; i++) bytes.writeUInt32LE(labels[i]!, i * 4);
  return bytes;
}

/** Decodes bytes written by encodeLabelArray; throws on anything else. */
export function decodeLabelArray(bytes: Buffer): number[] {
  if (bytes.length % 4 !== 0) {
    throw new Error(`malformed label array: ${bytes.length} bytes is not a multiple of 4; the store is damaged, run graphlb check`);
  }
  const labels = new Array<number>(bytes.length / 4);
  for (let i = 0; i < labels.length; i++) {
    labels[i] = bytes.readUInt32LE(i * 4);
    if (i > 0 && labels[i]! <= labels[i - 1]!) {
      throw new Error('malformed label array: label ids are not ascending; the store is damaged, run graphlb check');
    }
  }
  return labels;
}
