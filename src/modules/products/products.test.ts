/** The catalogue in the console on both databases: staff add and change products and their images; members may not. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signedInClient, type Client } from "../../../test/helpers/session.ts";
import "./index.ts";

const BOUNDARY = "----hearth-product-image";

function form(client: Client, body: Record<string, string>) {
  return { headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams(body).toString() };
}

function imageUpload(client: Client, file: Buffer, alt: string) {
  const head = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n--${BOUNDARY}\r\ncontent-disposition: form-data; name="alt"\r\n\r\n${alt}\r\n--${BOUNDARY}\r\ncontent-disposition: form-data; name="image"; filename="lamp.png"\r\ncontent-type: image/png\r\n\r\n`;
  return { headers: { cookie: client.cookie, "content-type": `multipart/form-data; boundary=${BOUNDARY}` }, payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]) };
}

for (const kind of DATABASE_KINDS) {
  describe(`products in the console (${kind})`, () => {
    let t: TestApp;
    let manager: Client;
    let member: Client;

    before(async () => {
      t = await startTestApp(kind);
      manager = await signedInClient(t.app, ["community_manager"]);
      member = await signedInClient(t.app);
    });
    after(async () => {
      await t.close();
    });

    const values = { name_en: "Desk lamp", name_fa: "چراغ رومیزی", name_he: "", status: "launched", launch_date: "2025-03-01", skus: "LAMP-1, LAMP-2" };

    test("a manager creates a product with SKUs, edits it, and adds an image; the public page shows them", async () => {
      const created = await t.app.inject({ method: "POST", url: "/console/products/new", ...form(manager, values) });
      assert.equal(created.statusCode, 303);
      const id = Number(/\/console\/products\/(\d+)$/.exec(String(created.headers.location))?.[1]);
      assert.ok(id > 0);
      const api = (await t.app.inject({ url: `/api/v1/products/${id}`, headers: { "accept-language": "fa" } })).json();
      assert.equal(api.name, "چراغ رومیزی");
      assert.deepEqual(api.skus, ["LAMP-1", "LAMP-2"]);
      assert.equal(api.launchDate, "2025-03-01");

      const edited = await t.app.inject({ method: "POST", url: `/console/products/${id}`, ...form(manager, { ...values, skus: "LAMP-2" }) });
      assert.equal(edited.statusCode, 303);
      assert.deepEqual((await t.app.inject({ url: `/api/v1/products/${id}` })).json().skus, ["LAMP-2"]);

      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c96" } }).png().toBuffer();
      const added = await t.app.inject({ method: "POST", url: `/console/products/${id}/images`, ...imageUpload(manager, png, "The lamp on a desk") });
      assert.equal(added.statusCode, 303, added.body.slice(0, 300));
      const page = await t.app.inject({ url: `/products/${id}` });
      assert.match(page.body, /<img src="\/uploads\/products\/\d+\/[\w-]+\.webp" alt="The lamp on a desk"/);
      const notImage = await t.app.inject({ method: "POST", url: `/console/products/${id}/images`, ...imageUpload(manager, Buffer.from("not an image"), "x") });
      assert.equal(notImage.statusCode, 400);
      const audit = await t.app.hearth.db.selectFrom("audit_log").select("action").where("subject_type", "=", "product").where("subject_id", "=", String(id)).execute();
      assert.deepEqual(audit.map((row) => row.action).sort(), ["products.create", "products.image.add", "products.update"]);
    });

    test("bad SKUs and a SKU of another product are refused with field errors", async () => {
      const bad = await t.app.inject({ method: "POST", url: "/console/products/new", ...form(manager, { ...values, skus: "LAMP 3, =HACK" }) });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /is not a valid SKU/);
      const taken = await t.app.inject({ method: "POST", url: "/console/products/new", ...form(manager, { ...values, skus: "LAMP-2" }) });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /belongs to another product/);
      const nameless = await t.app.inject({ method: "POST", url: "/console/products/new", ...form(manager, { ...values, name_en: "", name_fa: "", skus: "" }) });
      assert.equal(nameless.statusCode, 400);
    });

    test("members may not manage products", async () => {
      assert.equal((await t.app.inject({ url: "/console/products", headers: { cookie: member.cookie } })).statusCode, 403);
      assert.equal((await t.app.inject({ method: "POST", url: "/console/products/new", ...form(member, values) })).statusCode, 403);
    });
  });
}
