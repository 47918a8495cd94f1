/** Schema pieces the console's routes share: ids that fit a bigint column, and text PostgreSQL can store. */
import { Type, type TString } from "typebox";

/** A row id: a positive whole number that fits the database's bigint (and JavaScript's safe integers). */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

/** `{ id }` path parameters. */
export const IdParams = Type.Object({ id: Id });

/** Text without NUL characters, which PostgreSQL refuses in text and JSON values. */
export function Text(options: { minLength?: number; maxLength: number }): TString {
  return Type.String({ ...options, pattern: "^[^\\u0000]*$" });
}
