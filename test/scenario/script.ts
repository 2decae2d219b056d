/**
 * The scenario script format (after etcd raft's testdata): blocks of command lines, each
 * block closed by a `----` line, followed by the expected output and a blank line.
 *
 *   # a comment line, kept as it is
 *   cluster 3          # a trailing comment
 *   tick 20
 *   roles
 *   ----
 *   1 master epoch 1
 *   ...
 *   <blank line>
 */

export interface Block {
  /** The command lines as written, comments included; rewritten files keep them. */
  lines: string[];
  /** 1-based line number of the first command line, for messages. */
  line: number;
  expected: string[];
}

export function parseScript(text: string, file: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const start = i;
    const commands: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '----') {
      if (lines[i]!.trim() === '') {
        throw new Error(`${file}:${i + 1}: a blank line inside a command block; close the block with a '----' line first.`);
      }
      commands.push(lines[i]!);
      i++;
    }
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: this block has no '----' line; add one after its commands.`);
    i++;
    const expected: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') expected.push(lines[i++]!);
    blocks.push({ lines: commands, line: start + 1, expected });
  }
  return blocks;
}

export function renderScript(blocks: readonly { lines: readonly string[]; output: readonly string[] }[]): string {
  return blocks.map((b) => [...b.lines, '----', ...b.output].join('\n')).join('\n\n') + '\n';
}

/** The command on a line without its comment, split into words; undefined for a comment line. */
export function commandWords(line: string): string[] | undefined {
  const hash = line.indexOf('#');
  const words = (hash < 0 ? line : line.slice(0, hash)).trim().split(/\s+/).filter((w) => w !== '');
  return words.length === 0 ? undefined : words;
}
