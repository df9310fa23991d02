/** Join codes teams type from a slide: short, upper-case, with no characters that look alike. */
import { randomInt } from 'node:crypto';

const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export function generateJoinCode(): string {
  return Array.from({ length: JOIN_CODE_LENGTH }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** What a person typed, as stored: spaces and dashes dropped, upper-case. */
export function normaliseJoinCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}
