/** A multipart body as a browser sends a form with files: text fields first, then each file under its field name. */
import { randomBytes } from "node:crypto";

export interface UploadPart {
  field: string;
  filename: string;
  type: string;
  data: Buffer;
}

export function multipart(fields: Record<string, string>, files: readonly UploadPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----hearth${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
