import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;

/** The OWASP Password Storage Cheat Sheet's scrypt cost: N=2^17, r=8, p=1 (128 MB, ~0.1–0.7 s). */
export const RECOMMENDED_HASH_COST = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

// The cost new hashes get: PASSWORD_HASH_COST (log2 of N), set from the configuration at start
// (buildApp). The tests run at 2^14 so that signing in stays fast.
let currentCost = RECOMMENDED_HASH_COST;

export function setPasswordHashCost(logN: number): void {
  currentCost = logN;
}

/** scrypt's memory is 128·N·r bytes; Node refuses more than 32 MB unless told. */
const maxmemFor = (n: number, r: number) => 128 * n * r * 2;

/** scrypt hash as `scrypt$N$r$p$salt$hash` (base64url): the parameters stay with the hash, so old ones still verify. */
export async function hashPassword(password: string, logN = currentCost): Promise<string> {
  const N = 2 ** logN;
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algo, n, r, p, saltText, keyText] = stored.split('$');
  if (algo !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const N = Number(n);
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltText, 'base64url'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: maxmemFor(N, Number(r)),
  });
  return timingSafeEqual(key, expected);
}

/** Whether a stored hash is cheaper than the current cost (it is then rehashed at the next sign-in). */
export function needsRehash(stored: string, logN = currentCost): boolean {
  const [algo, n, r, p] = stored.split('$');
  if (algo !== 'scrypt') return true;
  return Number(n) < 2 ** logN || Number(r) < R || Number(p) < P;
}

// A real hash to verify against when the login is unknown, so both paths take the same time.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return decoyHash;
}

let common: Set<string> | undefined;
/** The shipped list of the most common passwords (common-passwords.txt), read once. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.normalize('NFKC').trim().toLowerCase());
}

/** What is wrong with a new password, or null: too short or the login ('weak'), or on the common list ('common'). */
export function passwordProblem(password: string, login: string): 'weak' | 'common' | null {
  if (password.length < 10 || password.toLowerCase() === login.toLowerCase()) return 'weak';
  return isCommonPassword(password) ? 'common' : null;
}

export function isAcceptablePassword(password: string, login: string): boolean {
  return passwordProblem(password, login) === null;
}
