/**
 * Log files are named like Neo4j's: `neostore.transaction.db.<version>` in the store
 * directory, the version counting up from 0 with every rotation.
 */
const PREFIX = 'neostore.transaction.db.';
const PATTERN = /^neostore\.transaction\.db\.(0|[1-9][0-9]{0,14})$/;
/** What FileSystem.writeFileAtomic leaves behind when a crash interrupts the creation of a log file. */
const LEFTOVER_PATTERN = /^neostore\.transaction\.db\.[0-9]+\.tmp$/;

export function logFileName(version: number): string {
  return PREFIX + version;
}

/** The version in a log file's name, or undefined when `name` is not a log file's. */
export function parseLogFileVersion(name: string): number | undefined {
  const match = PATTERN.exec(name);
  return match === null ? undefined : Number(match[1]);
}

export function isLeftoverLogFile(name: string): boolean {
  return LEFTOVER_PATTERN.test(name);
}
