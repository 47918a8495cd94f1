/**
 * Bad input never causes a 5xx: malformed, oversized, mistyped and mis-encoded bodies get a 4xx
 * with a stable code and a message in the caller's language, and garbage sent to every registered
 * route (as an anonymous visitor and as a signed-in admin past the CSRF check) is answered below 500.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { apiToken, signedInClient, type Client } from "../../../test/helpers/session.ts";

const GARBAGE_BODIES: Array<{ name: string; contentType: string; payload: string | Buffer }> = [
  { name: "malformed JSON", contentType: "application/json", payload: '{"title": "x",' },
  { name: "empty JSON", contentType: "application/json", payload: "" },
  { name: "JSON array", contentType: "application/json", payload: "[1,2,3]" },
  { name: "JSON null", contentType: "application/json", payload: "null" },
  { name: "JSON with wrong types", contentType: "application/json", payload: JSON.stringify({ id: { $gt: "" }, email: 42, name: ["a"], password: null, page: "-1", locale: true }) },
  { name: "JSON with prototype pollution", contentType: "application/json", payload: '{"__proto__": {"admin": true}}' },
  { name: "invalid UTF-8 JSON", contentType: "application/json", payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
  { name: "form garbage", contentType: "application/x-www-form-urlencoded", payload: "a=%ZZ&&=&email=%00%00&name[]=1&password=" + "x".repeat(5000) },
  { name: "invalid UTF-8 form", contentType: "application/x-www-form-urlencoded", payload: Buffer.from([0x61, 0x3d, 0xff, 0xfe]) },
  { name: "XML", contentType: "application/xml", payload: "<a>1</a>" },
  { name: "very long strings", contentType: "application/json", payload: JSON.stringify({ title: "ع".repeat(100_000), body: "\u0000".repeat(1000), email: "a@".repeat(1000) }) },
];

const validIdea = { title: "A folding bike rack", body: "It folds flat against the wall when no bike is on it.", language: "en", acceptLicence: true };

function concretePath(url: string): string {
  return url.replace(/:(\w+)/g, "1").replace(/\*/g, "x");
}

for (const kind of DATABASE_KINDS) {
  describe(`bad input (${kind})`, () => {
    let t: TestApp;
    let admin: Client;
    let token: string;

    before(async () => {
      t = await startTestApp(kind);
      admin = await signedInClient(t.app, ["admin"]);
      token = (await apiToken(t.app, ["admin"], ["read", "write"])).token;
    });
    after(async () => {
      await t.close();
    });

    const post = (payload: string | Buffer, contentType = "application/json", language = "en") =>
      t.app.inject({ method: "POST", url: "/api/v1/ideas", payload, headers: { "content-type": contentType, authorization: `Bearer ${token}`, "accept-language": language, accept: "application/json" } });

    test("malformed JSON → 400 invalid_json", async () => {
      const response = await post("{bad");
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, "invalid_json");
    });

    test("invalid UTF-8 → 400 invalid_encoding", async () => {
      const response = await post(Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, "invalid_encoding");
    });

    test("an oversized body → 413 payload_too_large", async () => {
      const response = await post(JSON.stringify({ ...validIdea, body: "x".repeat(2 * 1024 * 1024) }));
      assert.equal(response.statusCode, 413);
      assert.equal(response.json().error.code, "payload_too_large");
    });

    test("wrong types → 400 validation_failed naming the field, in the caller's language", async () => {
      const response = await post(JSON.stringify({ ...validIdea, title: 5 }), "application/json", "fa");
      assert.equal(response.statusCode, 400);
      const { error } = response.json();
      assert.equal(error.code, "validation_failed");
      assert.ok(error.fields.title, "the field is named");
      assert.match(error.message, /[\u0600-\u06FF]/, "the message is in Persian");
    });

    test("unknown fields → 400 validation_failed naming the unknown field", async () => {
      const response = await post(JSON.stringify({ ...validIdea, admin: true }));
      assert.equal(response.statusCode, 400);
      assert.ok(response.json().error.fields.admin);
    });

    test("NUL characters in a body or an address → 400 invalid_characters", async () => {
      const body = await post(JSON.stringify({ ...validIdea, title: "nul\u0000here" }));
      assert.equal(body.statusCode, 400);
      assert.equal(body.json().error.code, "invalid_characters");
      const query = await t.app.inject({ url: "/api/v1/ideas?cursor=%00" });
      assert.equal(query.statusCode, 400);
      assert.equal(query.json().error.code, "invalid_characters");
    });

    test("an unsupported content type → 400 unsupported_media_type", async () => {
      const response = await post("<a/>", "application/xml");
      assert.ok([400, 415].includes(response.statusCode));
      assert.equal(response.json().error.code, "unsupported_media_type");
    });

    test("an unknown API route → JSON 404; an unknown page → localized 404 page", async () => {
      const api = await t.app.inject({ url: "/api/v1/nothing-here" });
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, "not_found");
      const page = await t.app.inject({ url: "/nothing-here", headers: { "accept-language": "he" } });
      assert.equal(page.statusCode, 404);
      assert.match(String(page.headers["content-type"]), /text\/html/);
      assert.match(page.body, /הדף לא נמצא/);
    });

    test("garbage to every registered route never causes a 5xx", async () => {
      const routes = t.app.routeTable.filter((route) => !route.url.startsWith("/fonts") && !route.url.startsWith("/assets"));
      assert.ok(routes.length >= 5, "routes are registered");
      const failures: string[] = [];
      for (const route of routes) {
        const url = concretePath(route.url);
        const identities: Array<Record<string, string>> = [{}, admin.headers, { authorization: `Bearer ${token}` }];
        if (route.method === "GET") {
          for (const headers of identities) {
            for (const query of ["?page=-1&limit=99999999&q=%00", "?page[]=1&q[a]=b", `?returnTo=//evil.example&token=${"a".repeat(3000)}`]) {
              const response = await t.app.inject({ method: "GET", url: url + query, headers });
              if (response.statusCode >= 500) failures.push(`GET ${url}${query.slice(0, 30)} → ${response.statusCode}`);
            }
          }
          continue;
        }
        for (const headers of identities) {
          for (const body of GARBAGE_BODIES) {
            const response = await t.app.inject({ method: route.method as "POST", url, payload: body.payload, headers: { ...headers, "content-type": body.contentType } });
            if (response.statusCode >= 500) failures.push(`${route.method} ${url} (${body.name}) → ${response.statusCode}: ${response.body.slice(0, 200)}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
