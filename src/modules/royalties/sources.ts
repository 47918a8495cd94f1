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
      const parser = open().pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: 10_000 }));
      let fields: Array<LineField | null> | null = null;
      try {
        for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          const line = item.info.lines;
          if (fields === null) {
            fields = item.record.map((column) => FIELD_BY_COLUMN.get(column.trim().toLowerCase()) ?? null);
            const missing = REQUIRED.filter((field) => !fields?.includes(field));
            const unknown = item.record.filter((_, index) => fields?.[index] === null);
            if (missing.length > 0 || unknown.length > 0 || new Set(fields).size !== fields.length) {
              throw new UnreadableFile({ line, raw: null, error: { field: "line", key: "royalties.file.header", params: { columns: REQUIRED.map((field) => CSV_COLUMNS[field]).join(", ") } } });
            }
            continue;
          }
          if (item.record.length !== fields.length) {
            yield { line, raw: null, error: { field: "line", key: "royalties.line.columns", params: { expected: fields.length, found: item.record.length } } };
            continue;
          }
          const raw: RawLine = {};
          item.record.forEach((value, index) => {
            const field = fields?.[index];
            if (field) raw[field] = value;
          });
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
