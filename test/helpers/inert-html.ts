/** Checks that HTML contains nothing that can run script: parsed as a browser would tokenise it, not matched as text. */
import assert from "node:assert/strict";
import { Parser } from "htmlparser2";

const DANGEROUS_TAGS = new Set(["script", "iframe", "object", "embed", "svg", "math", "style", "link", "meta", "base", "form", "details", "template"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "srcdoc", "background", "poster"]);

/** Every element that could execute script in a reader's browser, described. */
export function activeContent(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (DANGEROUS_TAGS.has(name)) found.push(`<${name}>`);
      for (const [attribute, value] of Object.entries(attributes)) {
        if (attribute.startsWith("on")) found.push(`${name}[${attribute}]`);
        if (attribute === "style") found.push(`${name}[style]`);
        if (URL_ATTRIBUTES.has(attribute) && /^\s*(javascript|data|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ""))) found.push(`${name}[${attribute}=${value}]`);
      }
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return found;
}

/** Fails when the HTML has any active content. */
export function assertInert(html: string): void {
  assert.deepEqual(activeContent(html), [], "the HTML contains active content");
}
