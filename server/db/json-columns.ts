/**
 * Types for jsonb columns whose contents we define. A value is written as JSON text (the pg driver
 * would send a JavaScript array as a PostgreSQL array, not JSON), and the text carries the type it
 * was made from, so a column typed `JsonColumn<Pack>` accepts only the JSON of a Pack. Reading gives
 * the value back as parsed by the driver.
 */
import type { ColumnType } from 'kysely';

declare const jsonOf: unique symbol;

/** JSON text made from a T by toJsonText. */
export type JsonText<T> = string & { readonly [jsonOf]: T };

export type JsonColumn<T> = ColumnType<T, JsonText<T>, JsonText<T>>;

export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}
