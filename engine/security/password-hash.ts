/**
 * Salted scrypt password hashes, written as one token of the auth file:
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64>$<key, base64>
 *
 * N (cost, a power of two), r (block size) and p (parallelization) are scrypt's own
 * parameters; the key is scrypt(password as UTF-8, salt, N, r, p) of the key's length.
 * New hashes use N=16384, r=8, p=1, a 16-byte random salt and a 32-byte key (about 50 ms
 * and 16 MiB per hash); a hash is always checked with the parameters written in it, so
 * stronger parameters later do not invalidate existing users.
 */
import crypto from 'node:crypto';

export interface PasswordHash {
  /** scrypt's N: CPU and memory cost, a power of two. */
  readonly cost: number;
  /** scrypt's r. */
  readonly blockSize: number;
  /** scrypt's p. */
  readonly parallelization: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const scheme = 'scrypt';
const defaultCost = 16384;
const defaultBlockSize = 8;
const defaultParallelization = 1;
const saltBytes = 16;
const keyBytes = 32;

// Bounds that keep a hand-edited file from turning one login into minutes or gigabytes.
const maxCost = 2 ** 20;
const maxBlockSize = 32;
const maxParallelization = 16;
const maxMemoryBytes = 256 * 1024 * 1024;
const minSaltBytes = 8;
const minKeyBytes = 16;
const maxTokenBytes = 64;

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** What a hash token looks like, for error messages. */
export const passwordHashSyntax = 'scrypt$<N>$<r>$<p>$<salt base64>$<key base64>';

/** A new salted hash of `password`. */
export function hashPassword(password: string): PasswordHash {
  const salt = crypto.randomBytes(saltBytes);
  const key = derive(password, salt, defaultCost, defaultBlockSize, defaultParallelization, keyBytes);
  return { cost: defaultCost, blockSize: defaultBlockSize, parallelization: defaultParallelization, salt, key };
}

/** Whether `password` is the one `hash` was made from; constant-time in the comparison. */
export function verifyPassword(hash: PasswordHash, password: string): boolean {
  const key = derive(password, hash.salt, hash.cost, hash.blockSize, hash.parallelization, hash.key.length);
  return crypto.timingSafeEqual(key, hash.key);
}

export function formatPasswordHash(hash: PasswordHash): string {
  return [scheme, hash.cost, hash.blockSize, hash.parallelization, hash.salt.toString('base64'), hash.key.toString('base64')].join('$');
}

/** Reads a hash token; a string result says what is wrong with it. */
export function parsePasswordHash(text: string): PasswordHash | string {
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== scheme) return `the password hash is not ${passwordHashSyntax}`;
  const [, costText, blockSizeText, parallelizationText, saltText, keyText] = parts as [string, string, string, string, string, string];
  const cost = wholeNumber(costText);
  if (cost === undefined || cost < 2 || cost > maxCost || (cost & (cost - 1)) !== 0) {
    return `the scrypt cost N "${costText}" is not a power of two from 2 to ${maxCost}`;
  }
  const blockSize = wholeNumber(blockSizeText);
  if (blockSize === undefined || blockSize < 1 || blockSize > maxBlockSize) {
    return `the scrypt block size r "${blockSizeText}" is not a whole number from 1 to ${maxBlockSize}`;
  }
  const parallelization = wholeNumber(parallelizationText);
  if (parallelization === undefined || parallelization < 1 || parallelization > maxParallelization) {
    return `the scrypt parallelization p "${parallelizationText}" is not a whole number from 1 to ${maxParallelization}`;
  }
  if (memoryBytes(cost, blockSize, parallelization) > maxMemoryBytes) {
    return `the scrypt parameters N=${cost} r=${blockSize} need more than ${maxMemoryBytes / 1024 / 1024} MiB per login`;
  }
  const salt = decodeToken(saltText, minSaltBytes);
  if (salt === undefined) return `the salt is not base64 of ${minSaltBytes} to ${maxTokenBytes} bytes`;
  const key = decodeToken(keyText, minKeyBytes);
  if (key === undefined) return `the key is not base64 of ${minKeyBytes} to ${maxTokenBytes} bytes`;
  return { cost, blockSize, parallelization, salt, key };
}

function derive(password: string, salt: Buffer, cost: number, blockSize: number, parallelization: number, length: number): Buffer {
  return crypto.scryptSync(password, salt, length, {
    N: cost,
    r: blockSize,
    p: parallelization,
    // Twice what scrypt asks for: headroom over OpenSSL's own accounting.
    maxmem: memoryBytes(cost, blockSize, parallelization) * 2,
  });
}

/** What scrypt allocates (OpenSSL's count): 128 * r * (N + 2) bytes of scratch and 128 * r * p of blocks. */
function memoryBytes(cost: number, blockSize: number, parallelization: number): number {
  return 128 * blockSize * (cost + 2 + parallelization);
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,8}$/.test(text) ? Number(text) : undefined;
}

function decodeToken(text: string, minBytes: number): Buffer | undefined {
  if (!base64.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length >= minBytes && bytes.length <= maxTokenBytes ? bytes : undefined;
}
