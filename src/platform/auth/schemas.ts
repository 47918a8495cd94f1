/** Request schemas of the account routes, shared where two routes take the same field. */
import { Type } from "typebox";
import { LOCALES } from "../i18n/index.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./rules.ts";

export const EmailField = Type.String({ format: "email", maxLength: 254 });
export const NewPasswordField = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });
export const NameField = Type.String({ minLength: 1, maxLength: 100 });
/** A language from a form; empty means "follow my browser". */
export const LocaleField = Type.Union([Type.Literal(""), ...LOCALES.map((code) => Type.Literal(code))]);
export const ReturnToField = Type.String({ maxLength: 2000 });
export const TokenField = Type.String({ minLength: 1, maxLength: 200 });

/** The body of a form that sends nothing but its CSRF token. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const ReturnToQuery = Type.Object({ returnTo: Type.Optional(ReturnToField) });
