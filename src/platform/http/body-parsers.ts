/**
 * Request body parsers for JSON and HTML forms that refuse invalid UTF-8 instead of silently
 * replacing it, and answer malformed input with a stable error code.
 */
import type { FastifyInstance } from "fastify";
import secureJson from "secure-json-parse";
import { AppError, invalid } from "../errors.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw invalid("invalid_encoding", "errors.invalidEncoding");
  }
}

/** NUL characters have no place in text, and PostgreSQL refuses them: they are turned away at the edge. */
export function assertNoNul(text: string): void {
  if (text.includes("\u0000")) throw invalid("invalid_characters", "errors.invalidCharacters");
}

/** JSON strings may spell NUL as an escape; the reviver sees the decoded values. */
function refuseNul(_key: string, value: unknown): unknown {
  if (typeof value === "string") assertNoNul(value);
  return value;
}

/** Form fields; a repeated name becomes an array. */
export function parseForm(text: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

/** Registers the JSON and urlencoded parsers on the app. */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(["application/json"]);
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => {
    try {
      const text = decode(body as Buffer);
      if (text.trim() === "") {
        done(invalid("invalid_json", "errors.invalidJson"), undefined);
        return;
      }
      try {
        // Refuses __proto__ and constructor.prototype keys (prototype poisoning).
        done(null, secureJson.parse(text, refuseNul, { protoAction: "error", constructorAction: "error" }));
      } catch (error) {
        done(error instanceof AppError ? error : invalid("invalid_json", "errors.invalidJson"), undefined);
      }
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "buffer" }, (_request, body, done) => {
    try {
      const form = parseForm(decode(body as Buffer));
      for (const [key, value] of Object.entries(form)) [key, value].flat().forEach(assertNoNul);
      done(null, form);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
