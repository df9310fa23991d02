/** Password hashing (argon2id with the library's OWASP-level defaults) and generated one-time passwords. */
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// No 0/O, 1/l/I: the password is read off a terminal and typed by hand.
const readableCharacters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 16 characters from 55: about 92 bits, in four groups for reading aloud. */
export function generateOneTimePassword(): string {
  const characters = Array.from({ length: 16 }, () => readableCharacters[randomInt(readableCharacters.length)]);
  return [0, 4, 8, 12].map((start) => characters.slice(start, start + 4).join('')).join('-');
}
