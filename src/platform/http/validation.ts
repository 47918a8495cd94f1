/**
 * Schema validation at the edge. Bodies are validated strictly (no type coercion, unknown fields
 * refused); query strings and path parameters are coerced from text, as they arrive as text.
 * Ajv errors become per-field catalogue keys so forms and API clients get messages in their language.
 */
import { Ajv, type ErrorObject, type Options } from "ajv";
import addFormatsModule from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";
import type { FieldErrors } from "../errors.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

const strictAjv = makeAjv({ coerceTypes: false });
const coercingAjv = makeAjv({ coerceTypes: "array" });

/** Fastify's validator compiler: strict for bodies, coercing for the other parts. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === "body" ? strictAjv : coercingAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

function fieldName(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
  const params = error.params as Record<string, unknown>;
  const child =
    typeof params.missingProperty === "string" ? params.missingProperty : typeof params.additionalProperty === "string" ? params.additionalProperty : undefined;
  if (child !== undefined) return path ? `${path}.${child}` : child;
  return path || "_";
}

function fieldMessage(error: ErrorObject): { key: string; params?: Record<string, string | number> } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { key: "errors.field.required" };
    case "additionalProperties":
      return { key: "errors.field.unknown" };
    case "type":
      return { key: "errors.field.type", params: { type: String(params.type) } };
    case "minLength":
      return { key: "errors.field.minLength", params: { limit: Number(params.limit) } };
    case "maxLength":
      return { key: "errors.field.maxLength", params: { limit: Number(params.limit) } };
    case "minimum":
      return { key: "errors.field.minimum", params: { limit: Number(params.limit) } };
    case "maximum":
      return { key: "errors.field.maximum", params: { limit: Number(params.limit) } };
    case "maxItems":
      return { key: "errors.field.maxItems", params: { limit: Number(params.limit) } };
    case "enum":
      return { key: "errors.field.enum" };
    case "format":
      return params.format === "email" ? { key: "errors.field.email" } : { key: "errors.field.format" };
    default:
      return { key: "errors.field.invalid" };
  }
}

/** Per-field errors from ajv's errors; the first error of each field wins. */
export function fieldErrorsFromAjv(errors: readonly ErrorObject[], part?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const name = fieldName(error);
    const key = part && part !== "body" ? `${part}.${name}` : name;
    fields[key] ??= fieldMessage(error);
  }
  return fields;
}
