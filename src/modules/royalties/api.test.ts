/**
 * Royalties over HTTP on both databases: the sales API contract, token scopes, the products API,
 * finance's summary, the console upload (bad file, too large), who sees and who approves and pays
 * statements, the CSV downloads with neutralised cells, and the OpenAPI document.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { apiToken, signedInClient, type Client } from "../../../test/helpers/session.ts";
import { setProductSkus } from "../products/index.ts";
import { createAgreement } from "./agreements.ts";
import { testActor } from "./test-support.ts";
import "./index.ts";

const BOUNDARY = "----hearth-test-boundary";

/** A multipart body with the CSRF token, an optional `partial` box and a CSV file. */
function upload(csrf: string, file: Buffer, partial = false): { payload: Buffer; headers: Record<string, string> } {
  const parts = [
    `--${BOUNDARY}\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
    ...(partial ? [`--${BOUNDARY}\r\ncontent-disposition: form-data; name="partial"\r\n\r\non\r\n`] : []),
    `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="sales.csv"\r\ncontent-type: text/csv\r\n\r\n`,
  ];
  return {
    payload: Buffer.concat([Buffer.from(parts.join("")), file, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`royalties over HTTP (${kind})`, () => {
    let t: TestApp;
    let financeToken: string;
    let finance: Client;
    let creator: Client;
    let otherCreator: Client;
    let productId: number;

    const call = (method: "GET" | "POST", url: string, token?: string, body?: unknown) =>
      t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

    before(async () => {
      t = await startTestApp(kind);
      const { db } = t.app.hearth;
      financeToken = (await apiToken(t.app, ["finance"], ["read", "sales:import"])).token;
      finance = await signedInClient(t.app, ["finance"]);
      creator = await signedInClient(t.app);
      otherCreator = await signedInClient(t.app);
      const row = await db.insertInto("products").values({ names: JSON.stringify({ en: "Olive-wood phone stand", he: "מעמד לטלפון מעץ זית" }), status: "launched" }).returning("id").executeTakeFirstOrThrow();
      productId = row.id;
      await setProductSkus(db, productId, ["STAND-1", "STAND-2"]);
      await db.insertInto("product_creators").values([{ product_id: productId, account_id: creator.accountId }]).execute();
      const financeActor = await testActor(db, ["finance"]);
      await createAgreement(db, financeActor, { productId, rateBp: 100, effectiveFrom: "2025-01-01", effectiveTo: null });
      // A second product whose creator is someone else.
      const other = await db.insertInto("products").values({ names: JSON.stringify({ en: "Other" }), status: "launched" }).returning("id").executeTakeFirstOrThrow();
      await setProductSkus(db, other.id, ["OTHER-1"]);
      await db.insertInto("product_creators").values([{ product_id: other.id, account_id: otherCreator.accountId }]).execute();
      await createAgreement(db, financeActor, { productId: other.id, rateBp: 250, effectiveFrom: "2025-01-01", effectiveTo: null });
    });
    after(async () => {
      await t.close();
    });

    const line = (externalId: string, extra: Record<string, unknown> = {}) => ({ externalId, sku: "STAND-1", quantity: 1, netAmountMinor: 1999, currency: "EUR", soldAt: "2025-02-10T12:00:00Z", ...extra });

    test("POST /api/v1/sales imports a batch once: the same batch again answers duplicates", async () => {
      const batch = { lines: [line("A-1"), line("A-2", { currency: "USD", netAmountMinor: 2500 }), line("A-3", { quantity: -1, netAmountMinor: -1999, refundOf: "A-1", soldAt: "2025-02-12" })] };
      const first = await call("POST", "/api/v1/sales", financeToken, batch);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { imported: 3, duplicates: 0 });
      const again = await call("POST", "/api/v1/sales", financeToken, batch);
      assert.deepEqual(again.json(), { imported: 0, duplicates: 3 });
    });

    test("a batch with bad lines answers 422 with lines[i].field errors and applies nothing; ?partial=true applies the good ones", async () => {
      const batch = {
        lines: [line("B-1"), line("B-2", { sku: "NOPE" }), line("B-3", { netAmountMinor: "1,5" }), line("B-4", { quantity: -2, netAmountMinor: -10 }), line("B-5", { currency: "ABC" }), line("B-6", { netAmountMinor: 1.5 })],
      };
      const refused = await call("POST", "/api/v1/sales", financeToken, batch);
      assert.equal(refused.statusCode, 422);
      const error = refused.json().error;
      assert.equal(error.code, "lines_refused");
      assert.deepEqual(Object.keys(error.fields).sort(), ["lines[1].sku", "lines[2].netAmountMinor", "lines[3].netAmountMinor", "lines[3].quantity", "lines[4].currency", "lines[5].netAmountMinor"]);
      assert.match(error.fields["lines[1].sku"], /NOPE/);
      assert.equal((await call("POST", "/api/v1/sales", financeToken, { lines: [line("B-1")] })).json().imported, 1, "B-1 was not applied by the refused batch");
      const partial = await call("POST", "/api/v1/sales?partial=true", financeToken, { lines: [line("B-7"), line("B-8", { sku: "NOPE" })] });
      assert.equal(partial.statusCode, 200);
      assert.equal(partial.json().imported, 1);
      assert.equal(partial.json().refused[0].line, 1);
      assert.equal((await call("POST", "/api/v1/sales", financeToken, { nope: [] })).statusCode, 400);
    });

    test("the sales API needs the sales:import scope and the finance role", async () => {
      const readOnly = (await apiToken(t.app, ["finance"], ["read", "write"])).token;
      const denied = await call("POST", "/api/v1/sales", readOnly, { lines: [line("S-1")] });
      assert.equal(denied.statusCode, 403);
      assert.equal(denied.json().error.code, "insufficient_scope");
      const manager = (await apiToken(t.app, ["community_manager"], ["sales:import"])).token;
      assert.equal((await call("POST", "/api/v1/sales", manager, { lines: [line("S-1")] })).statusCode, 403);
      assert.equal((await call("POST", "/api/v1/sales", undefined, { lines: [line("S-1")] })).statusCode, 401);
    });

    test("GET /api/v1/products lists the catalogue; the summary is finance's", async () => {
      const products = await call("GET", "/api/v1/products");
      assert.equal(products.statusCode, 200);
      const stand = products.json().items.find((item: { id: number }) => item.id === productId);
      assert.equal(stand.name, "Olive-wood phone stand");
      assert.deepEqual(stand.skus, ["STAND-1", "STAND-2"]);
      const summary = await call("GET", "/api/v1/royalties/summary", financeToken);
      assert.equal(summary.statusCode, 200);
      const eur = summary.json().totals.find((row: { currency: string }) => row.currency === "EUR");
      assert.ok(Number.isInteger(eur.salesMinor) && Number.isInteger(eur.royaltyMinor));
      const member = (await apiToken(t.app, [], ["read"])).token;
      assert.equal((await call("GET", "/api/v1/royalties/summary", member)).statusCode, 403);
      const doc = (await call("GET", "/api/openapi.json")).json();
      for (const path of ["/api/v1/sales", "/api/v1/products", "/api/v1/royalties/summary"]) assert.ok(doc.paths[path], path);
    });

    test("console upload: a bad file lists every bad line and applies nothing; a 50 MB file is refused with 413", async () => {
      const bad = Buffer.from("external_id,sku,quantity,net_amount_minor,currency,sold_at\nU-1,STAND-1,1,100,EUR,2025-03-01\nU-2,STAND-1,1,1e3,EUR,2025-03-01\nU-3,STAND-1,1,100,EUR\n");
      const refused = await t.app.inject({ method: "POST", url: "/console/royalties/import", ...upload(finance.csrf, bad), headers: { ...upload(finance.csrf, bad).headers, cookie: finance.cookie } });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /net_amount_minor/);
      assert.match(refused.body, /This line has 5 columns/);
      const good = Buffer.from("external_id,sku,quantity,net_amount_minor,currency,sold_at\nU-1,STAND-1,1,100,EUR,2025-03-01\n");
      const done = await t.app.inject({ method: "POST", url: "/console/royalties/import", ...upload(finance.csrf, good), headers: { ...upload(finance.csrf, good).headers, cookie: finance.cookie } });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /1 line imported/);
      const huge = Buffer.alloc(50 * 1024 * 1024, "U-9,STAND-1,1,100,EUR,2025-03-01\n");
      const tooLarge = await t.app.inject({ method: "POST", url: "/console/royalties/import", ...upload(finance.csrf, huge), headers: { ...upload(finance.csrf, huge).headers, cookie: finance.cookie } });
      assert.equal(tooLarge.statusCode, 413);
      assert.match(tooLarge.body, /larger than 5 MB/);
      const member = await signedInClient(t.app);
      const forbidden = await t.app.inject({ method: "POST", url: "/console/royalties/import", ...upload(member.csrf, good), headers: { ...upload(member.csrf, good).headers, cookie: member.cookie } });
      assert.equal(forbidden.statusCode, 403);
    });

    test("statements: finance drafts, approves and pays; a creator sees only their own; no one else approves or pays", async () => {
      await call("POST", "/api/v1/sales", financeToken, { lines: [line("ST-1", { externalId: "=HYPERLINK(\"http://evil.example\",\"x\")" }), { ...line("ST-2"), sku: "OTHER-1" }] });
      const generate = await t.app.inject({ method: "POST", url: "/console/royalties/statements/generate", headers: { ...finance.headers, "content-type": "application/x-www-form-urlencoded" }, payload: "period=2025-02" });
      assert.equal(generate.statusCode, 303);
      const { db } = t.app.hearth;
      const mine = await db.selectFrom("royalty_statements").selectAll().where("account_id", "=", creator.accountId).where("currency", "=", "EUR").executeTakeFirstOrThrow();
      const theirs = await db.selectFrom("royalty_statements").selectAll().where("account_id", "=", otherCreator.accountId).executeTakeFirstOrThrow();
      assert.equal(mine.status, "draft");

      // The creator sees their statement and its CSV, not the other creator's.
      assert.equal((await t.app.inject({ url: `/account/royalties/statements/${mine.id}`, headers: { cookie: creator.cookie } })).statusCode, 200);
      assert.equal((await t.app.inject({ url: `/account/royalties/statements/${theirs.id}`, headers: { cookie: creator.cookie } })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/account/royalties/statements/${theirs.id}/csv`, headers: { cookie: creator.cookie } })).statusCode, 404);
      const list = await t.app.inject({ url: "/account/royalties", headers: { cookie: creator.cookie } });
      assert.match(list.body, new RegExp(`/account/royalties/statements/${mine.id}"`));
      assert.doesNotMatch(list.body, new RegExp(`/account/royalties/statements/${theirs.id}"`));

      // Only finance approves and pays.
      const form = (client: Client, payload = "") => ({ headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload });
      const manager = await signedInClient(t.app, ["community_manager"]);
      for (const client of [creator, manager]) {
        assert.equal((await t.app.inject({ method: "POST", url: `/console/royalties/statements/${mine.id}/approve`, ...form(client) })).statusCode, 403);
      }
      assert.equal((await t.app.inject({ method: "POST", url: `/console/royalties/statements/${mine.id}/pay`, ...form(finance, "reference=X-1&paidOn=2025-04-02") })).headers.location, "/console/royalties/statements");
      assert.equal((await db.selectFrom("royalty_statements").select("status").where("id", "=", mine.id).executeTakeFirstOrThrow()).status, "draft", "a draft cannot be paid");
      assert.equal((await t.app.inject({ method: "POST", url: `/console/royalties/statements/${mine.id}/approve`, ...form(finance) })).statusCode, 303);
      assert.equal((await t.app.inject({ method: "POST", url: `/console/royalties/statements/${mine.id}/pay`, ...form(manager, "reference=X-1&paidOn=2025-04-02") })).statusCode, 403);
      // Not before the creator accepted the agreement: the payout is refused, the creator reminded.
      const held = await t.app.inject({ method: "POST", url: `/console/royalties/statements/${mine.id}/pay`, ...form(finance, "reference=SEPA-2025-0042&paidOn=2025-04-02") });
      assert.equal(held.headers.location, "/console/royalties/statements");
      const flash = await t.app.inject({ url: "/console/royalties/statements", headers: { cookie: [finance.cookie, ...[held.headers["set-cookie"] ?? []].flat().map((cookie) => cookie.split(";")[0])].join("; ") } });
      assert.match(flash.body, /its creator has not accepted the royalty agreement/);
      assert.equal((await db.selectFrom("royalty_statements").select("status").where("id", "=", mine.id).executeTakeFirstOrThrow()).status, "approved");
      const share = await db.selectFrom("royalty_shares").select("agreement_id").where("account_id", "=", creator.accountId).executeTakeFirstOrThrow();
      assert.equal((await t.app.inject({ method: "POST", url: `/account/royalties/agreements/${share.agreement_id}/accept`, headers: creator.headers })).statusCode, 303);
      assert.equal((await t.app.inject({ method: "POST", url: `/console/royalties/statements/${mine.id}/pay`, ...form(finance, "reference=SEPA-2025-0042&paidOn=2025-04-02") })).statusCode, 303);
      const paid = await db.selectFrom("royalty_statements").selectAll().where("id", "=", mine.id).executeTakeFirstOrThrow();
      assert.equal(paid.status, "paid");
      assert.equal(paid.payout_reference, "SEPA-2025-0042");
      const told = await db.selectFrom("notifications").select(["type", "url"]).where("account_id", "=", creator.accountId).orderBy("id").execute();
      assert.deepEqual(told.map((row) => row.type), ["royalties.approved", "royalties.accept_pending", "royalties.paid"]);
      assert.deepEqual(told.map((row) => row.url), [`/account/royalties/statements/${mine.id}`, "/account/royalties", `/account/royalties/statements/${mine.id}`]);
      const audit = await db.selectFrom("audit_log").select("action").where("subject_type", "=", "royalty_statement").where("subject_id", "=", String(mine.id)).execute();
      assert.deepEqual(audit.map((row) => row.action).sort(), ["royalties.statement.approve", "royalties.statement.pay"]);

      // The CSV download neutralises a formula in a cell.
      const csv = await t.app.inject({ url: `/account/royalties/statements/${mine.id}/csv`, headers: { cookie: creator.cookie } });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers["content-type"]), /text\/csv/);
      assert.match(csv.body, /"'=HYPERLINK\(""http:\/\/evil.example"",""x""\)"/);
      assert.doesNotMatch(csv.body, /(^|,)=HYPERLINK/m);
      const exported = await t.app.inject({ url: "/console/royalties/statements.csv", headers: { cookie: finance.cookie } });
      assert.equal(exported.statusCode, 200);
      assert.equal((await t.app.inject({ url: "/console/royalties/statements.csv", headers: { cookie: creator.cookie } })).statusCode, 403);
    });

    test("a creator accepts their agreement in the app; the acceptance is kept with the terms' digest", async () => {
      const { db } = t.app.hearth;
      const share = await db.selectFrom("royalty_shares").selectAll().where("account_id", "=", otherCreator.accountId).executeTakeFirstOrThrow();
      assert.equal(share.accepted_at, null);
      assert.equal((await t.app.inject({ method: "POST", url: `/account/royalties/agreements/${share.agreement_id}/accept`, headers: creator.headers })).statusCode, 404);
      assert.equal((await t.app.inject({ method: "POST", url: `/account/royalties/agreements/${share.agreement_id}/accept`, headers: otherCreator.headers })).statusCode, 303);
      const accepted = await db.selectFrom("royalty_shares").selectAll().where("account_id", "=", otherCreator.accountId).executeTakeFirstOrThrow();
      assert.ok(accepted.accepted_at);
      assert.match(accepted.accepted_terms ?? "", /^[0-9a-f]{64}$/);
    });

    test("finance creates an agreement in the console with custom shares; overlaps and bad shares are refused", async () => {
      const { db } = t.app.hearth;
      const product = await db.insertInto("products").values({ names: JSON.stringify({ en: "Co-created" }), status: "launched" }).returning("id").executeTakeFirstOrThrow();
      const post = (fields: Record<string, string>) =>
        t.app.inject({ method: "POST", url: "/console/royalties/agreements", headers: { ...finance.headers, "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams({ productId: String(product.id), rateBp: "150", effectiveFrom: "2025-01-01", effectiveTo: "", ...fields }).toString() });
      const badSum = await post({ shares: `${creator.email} 6000\n${otherCreator.email} 3000` });
      assert.equal(badSum.statusCode, 400);
      assert.match((await post({ shares: "nobody@example.test 10000" })).body, /No account has the email nobody@example.test/);
      assert.equal((await post({ shares: `${creator.email} 7000\n${otherCreator.email} 3000` })).statusCode, 303);
      const shares = await db.selectFrom("royalty_shares as s").innerJoin("royalty_agreements as a", "a.id", "s.agreement_id").select(["s.account_id", "s.share_bp", "a.rate_bp"]).where("a.product_id", "=", product.id).orderBy("s.position").execute();
      assert.deepEqual(shares.map((row) => [row.account_id, row.share_bp, row.rate_bp]), [[creator.accountId, 7000, 150], [otherCreator.accountId, 3000, 150]]);
      assert.match((await post({ effectiveFrom: "2026-01-01", shares: "" })).body, /a product without creators needs its shares written out/);
      const overlap = await post({ effectiveFrom: "2025-06-01", shares: `${creator.email} 10000` });
      assert.equal(overlap.statusCode, 400);
      assert.match(overlap.body, /already has an agreement/);
      assert.equal((await t.app.inject({ method: "POST", url: "/console/royalties/agreements", headers: { ...creator.headers, "content-type": "application/x-www-form-urlencoded" }, payload: "productId=1&rateBp=100&effectiveFrom=2025-01-01&effectiveTo=" })).statusCode, 403);
    });

    test("finance sets the statement period; the overview shows totals and the form", async () => {
      const post = (client: Client, payload: string) => t.app.inject({ method: "POST", url: "/console/royalties/settings", headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload });
      assert.equal((await post(creator, "period=monthly")).statusCode, 403);
      assert.equal((await post(finance, "period=weekly")).statusCode, 400);
      assert.equal((await post(finance, "period=monthly")).statusCode, 303);
      const overview = await t.app.inject({ url: "/console/royalties", headers: { cookie: finance.cookie } });
      assert.equal(overview.statusCode, 200);
      assert.match(overview.body, /<option value="monthly" selected/);
      assert.match(overview.body, /Owed to creators/);
      await post(finance, "period=quarterly");
      // Every page in Persian and Hebrew, right to left.
      for (const locale of ["fa", "he"]) {
        for (const url of ["/console/royalties", "/console/royalties/import", "/console/royalties/rates", "/console/royalties/statements", "/console/royalties/agreements", "/console/products", "/account/royalties", "/products"]) {
          const page = await t.app.inject({ url, headers: { cookie: `${finance.cookie}; hearth_locale=${locale}` } });
          assert.equal(page.statusCode, 200, `${locale} ${url}`);
          assert.match(page.body, /<html lang="(fa|he)" dir="rtl"/, `${locale} ${url}`);
        }
      }
    });

    test("finance changes an agreement's rate from a day on, or ends it, in the console; a past day is refused in words", async () => {
      const { db } = t.app.hearth;
      const product = await db.insertInto("products").values({ names: JSON.stringify({ en: "Changing terms" }), status: "launched" }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("product_creators").values([{ product_id: product.id, account_id: creator.accountId }]).execute();
      const agreementId = await createAgreement(db, await testActor(db, ["finance"]), { productId: product.id, rateBp: 100, effectiveFrom: "2025-01-01", effectiveTo: null });
      const post = (client: Client, action: string, payload: string) => t.app.inject({ method: "POST", url: `/console/royalties/agreements/${agreementId}/${action}`, headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload });
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      assert.equal((await post(creator, "change", `day=${day(10)}&rateBp=300`)).statusCode, 403);
      const past = await post(finance, "change", `day=${day(-1)}&rateBp=300`);
      assert.equal(past.headers.location, "/console/royalties/agreements");
      const page = await t.app.inject({ url: "/console/royalties/agreements", headers: { cookie: [finance.cookie, ...[past.headers["set-cookie"] ?? []].flat().map((cookie) => cookie.split(";")[0])].join("; ") } });
      assert.match(page.body, /A change cannot take effect before today/);
      assert.equal((await post(finance, "change", `day=${day(10)}&rateBp=300`)).statusCode, 303);
      const next = await db.selectFrom("royalty_agreements").select(["id", "rate_bp", sql<string>`effective_from::text`.as("from")]).where("product_id", "=", product.id).where("id", "<>", agreementId).executeTakeFirstOrThrow();
      assert.deepEqual([next.rate_bp, next.from], [300, day(10)]);
      assert.equal((await t.app.inject({ method: "POST", url: `/console/royalties/agreements/${next.id}/end`, headers: { ...finance.headers, "content-type": "application/x-www-form-urlencoded" }, payload: `day=${day(40)}` })).statusCode, 303);
      const ended = await db.selectFrom("royalty_agreements").select(sql<string>`effective_to::text`.as("to")).where("id", "=", next.id).executeTakeFirstOrThrow();
      assert.equal(ended.to, day(40));
    });

    test("finance uploads exchange rates in the console; a bad rate is listed with its line and nothing is kept", async () => {
      const { db } = t.app.hearth;
      const post = (client: Client, text: string) => {
        const body = upload(client.csrf, Buffer.from(text));
        return t.app.inject({ method: "POST", url: "/console/royalties/rates", payload: body.payload, headers: { ...body.headers, cookie: client.cookie } });
      };
      const bad = await post(finance, "currency,to_currency,rate,valid_on\nUSD,EUR,0.9,2025-03-01\nUSD,EUR,0,9,2025-03-02\nGBP,EUR,1.1.5,2025-03-01\n");
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /up to 8 decimal places/);
      assert.equal((await db.selectFrom("exchange_rates").select("currency").execute()).length, 0);
      assert.equal((await post(creator, "currency,to_currency,rate,valid_on\nUSD,EUR,0.9,2025-03-01\n")).statusCode, 403);
      const good = await post(finance, "currency,to_currency,rate,valid_on\nUSD,EUR,0.9,2025-03-01\n");
      assert.equal(good.statusCode, 303);
      assert.equal((await db.selectFrom("exchange_rates").select("rate_scaled").executeTakeFirstOrThrow()).rate_scaled.toString(), "90000000");
    });

    test("product pages show the creators and link to the idea", async () => {
      const page = await t.app.inject({ url: `/products/${productId}`, headers: { "accept-language": "he" } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /מעמד לטלפון מעץ זית/);
      assert.equal((await t.app.inject({ url: "/products" })).statusCode, 200);
      assert.equal((await t.app.inject({ url: "/products/999999" })).statusCode, 404);
      // An approved idea's page links to the product it became.
      const fromIdea = await t.app.hearth.db.insertInto("products").values({ names: JSON.stringify({ en: "From an idea" }), idea_id: 424242 }).returning("id").executeTakeFirstOrThrow();
      const link = await t.app.inject({ url: "/products/idea/424242" });
      assert.equal(link.statusCode, 302);
      assert.equal(link.headers.location, `/products/${fromIdea.id}`);
      assert.equal((await t.app.inject({ url: "/products/idea/424243" })).statusCode, 404);
    });
  });
}
