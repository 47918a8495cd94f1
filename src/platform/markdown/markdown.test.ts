import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertInert } from "../../../test/helpers/inert-html.ts";
import { countLinks, markdownToText, renderMarkdown } from "./index.ts";

/** Payloads that try to run script in a reader's browser. */
const HOSTILE_PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  '<a href="javascript:alert(1)">x</a>',
  "<iframe src=https://evil.example></iframe>",
  '[x](https://ok.example "title" onclick="alert(1)")',
  "<div style=\"background:url(javascript:alert(1))\">x</div>",
  "[x](vbscript:msgbox(1))",
  "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
  "`<script>alert(1)</script>`",
  "[a](<javascript:alert(1)>)",
  "<details open ontoggle=alert(1)>",
];

describe("markdown rendering", () => {
  test("renders ordinary markdown", () => {
    const html = renderMarkdown("# Title\n\n**bold** and _em_ and [a link](https://example.org)\n\n- one\n- two");
    assert.match(html, /<h2>Title<\/h2>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<a href="https:\/\/example.org" rel="nofollow ugc noopener" target="_blank">a link<\/a>/);
    assert.match(html, /<li>two<\/li>/);
  });

  test("keeps Persian and Hebrew text as it is", () => {
    assert.match(renderMarkdown("سلام **دنیا** و שלום"), /سلام <strong>دنیا<\/strong> و שלום/);
  });

  for (const payload of HOSTILE_PAYLOADS) {
    test(`renders inert: ${payload}`, () => {
      assertInert(renderMarkdown(payload));
    });
  }

  test("plain text drops all markup", () => {
    assert.equal(markdownToText("**Hello** <b>there</b> [x](https://a.example)"), "Hello <b>there</b> x");
  });

  test("counts links, including bare URLs", () => {
    assert.equal(countLinks("see https://a.example and [b](https://b.example)"), 2);
    assert.equal(countLinks("no links here"), 0);
  });
});
