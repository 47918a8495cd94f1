/**
 * Where sales lines come from: a CSV file (streamed through csv-parse, any size) or an API batch.
 * A source can be read more than once: the import checks every line before it applies any.
 */
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { CSV_COLUMNS, LINE_FIELDS, type LineError, type LineField, type RawLine } from "./rules.ts";

/** One record of a source: its line (CSV line number, or index in an API batch) and its values, or why it cannot be read. */
export interface SourceRecord {
  line: number;
  raw: RawLine | null;
  error?: LineError;
}

export interface SalesSource {
  /** `csv` lines are numbered as in the file (the header is line 1); `api` lines by their index. */
  kind: "csv" | "api";
  records(): AsyncIterable<SourceRecord>;
}

/** The file cannot be read past this point (a broken quote, a wrong header): the whole file is refused. */
export class UnreadableFile extends Error {
  constructor(readonly record: SourceRecord) {
    super("unreadable sales file");
  }
}

const REQUIRED: readonly LineField[] = LINE_FIELDS.filter((field) => field !== "refundOf");
const FIELD_BY_COLUMN = new Map(Object.entries(CSV_COLUMNS).map(([field, column]) => [column, field as LineField]));

/** A CSV source: `open` gives a fresh stream of the file each time the import reads it. */
export function csvSource(open: () => Readable): SalesSource {
  return {
    kind: "csv",
    async *records() {
      // Line numbers are counted here rather than asked of the parser (its `info` option builds an object
      // per record, a large share of reading a big file): every record ends one line, plus the line breaks
      // quoted inside its fields; empty lines come through as one empty field and are passed over.
      const parser = open().pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: false, max_record_size: 10_000 }));
      let fields: Array<LineField | null> | null = null;
      let line = 0;
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          line += 1;
          for (const value of record) for (let at = value.indexOf("\n"); at >= 0; at = value.indexOf("\n", at + 1)) line += 1;
          if (record.length === 1 && record[0] === "") continue;
          if (fields === null) {
            fields = record.map((column) => FIELD_BY_COLUMN.get(column.trim().toLowerCase()) ?? null);
            const missing = REQUIRED.filter((field) => !fields?.includes(field));
            const unknown = record.filter((_, index) => fields?.[index] === null);
            if (missing.length > 0 || unknown.length > 0 || new Set(fields).size !== fields.length) {
              throw new UnreadableFile({ line, raw: null, error: { field: "line", key: "royalties.file.header", params: { columns: REQUIRED.map((field) => CSV_COLUMNS[field]).join(", ") } } });
            }
            continue;
          }
          if (record.length !== fields.length) {
            yield { line, raw: null, error: { field: "line", key: "royalties.line.columns", params: { expected: fields.length, found: record.length } } };
            continue;
          }
          const raw: RawLine = {};
          for (let index = 0; index < fields.length; index += 1) {
            const field = fields[index];
            if (field) raw[field] = record[index];
          }
          yield { line, raw };
        }
      } catch (error) {
        if (error instanceof UnreadableFile) throw error;
        const line = (error as { lines?: number }).lines ?? 0;
        throw new UnreadableFile({ line, raw: null, error: { field: "line", key: "royalties.file.malformed" } });
      }
      if (fields === null) throw new UnreadableFile({ line: 1, raw: null, error: { field: "line", key: "royalties.file.empty" } });
    },
  };
}

/** An API batch: lines in JSON, numbered by their index. */
export function batchSource(lines: readonly unknown[]): SalesSource {
  return {
    kind: "api",
    async *records() {
      for (const [index, value] of lines.entries()) {
        if (!value || typeof value !== "object" || Array.isArray(value)) {
          yield { line: index, raw: null, error: { field: "line", key: "royalties.line.notObject" } };
          continue;
        }
        const entries = Object.entries(value);
        const unknown = entries.find(([key]) => !(LINE_FIELDS as readonly string[]).includes(key));
        if (unknown) {
          yield { line: index, raw: null, error: { field: "line", key: "royalties.line.unknownField", params: { field: unknown[0].slice(0, 40) } } };
          continue;
        }
        yield { line: index, raw: Object.fromEntries(entries) as RawLine };
      }
    },
  };
}
