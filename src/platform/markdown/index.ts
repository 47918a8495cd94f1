/**
 * Member-written markdown to safe HTML: markdown-it with raw HTML off, then sanitize-html with an
 * allow-list (defence in depth: even if the parser let something through, the sanitiser drops it).
 * Links get rel="nofollow ugc noopener" and only http(s) and mailto schemes survive.
 */
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { decodeHTML } from "entities";

const parser = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "img"],
  allowedAttributes: { a: ["href", "title", "rel", "target"], img: ["src", "alt", "title"], th: ["align"], td: ["align"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https", "http"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow ugc noopener", target: "_blank" } }),
    h1: "h2",
  },
};

/** Renders markdown to sanitised HTML, safe to insert into a page. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(parser.render(source), ALLOWED);
}

/** Plain text of markdown (for snippets, emails and search), without any markup. */
export function markdownToText(source: string): string {
  const escaped = sanitizeHtml(parser.render(source), { allowedTags: [], allowedAttributes: {} });
  return decodeHTML(escaped).replace(/\s+/g, " ").trim();
}

/** Counts links in markdown (for link limits on new accounts). */
export function countLinks(source: string): number {
  return (parser.render(source).match(/<a\s/g) ?? []).length;
}
