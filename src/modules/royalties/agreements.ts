/** Royalty agreements: created by finance, accepted (signed) by each creator in the app. */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "../../platform/auth/permissions.ts";
import { authorize } from "../../platform/auth/permissions.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { inTransaction, type Executor, type Tx } from "../../platform/db/index.ts";
import { conflict, invalid, notFound, type FieldErrors } from "../../platform/errors.ts";
import { creatorsOfProducts, findProduct } from "../products/index.ts";
import { oneAtATime } from "./import-lock.ts";
import { changeDayProblem, equalShares, isCurrency, rangesOverlap, utcDay, validShares } from "./rules.ts";
import "./policy.ts";

export interface Agreement {
  id: number;
  productId: number;
  rateBp: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The currency its creators are paid in; null: each sales currency. */
  currency: string | null;
  shares: Array<{ accountId: number; shareBp: number; acceptedAt: Date | null }>;
  /** The shares' basis points in share order (the import splits every line by them). */
  sharesBp: number[];
}

/** Every agreement with its shares (in share order), by product. */
export async function loadAgreements(db: Executor, filter: { productId?: number; agreementId?: number } = {}): Promise<Map<number, Agreement[]>> {
  let query = db
    .selectFrom("royalty_agreements as a")
    .innerJoin("royalty_shares as s", "s.agreement_id", "a.id")
    .select(["a.id", "a.product_id", "a.rate_bp", "a.currency", "s.account_id", "s.share_bp", "s.accepted_at"])
    .select([sql<string>`a.effective_from::text`.as("effective_from"), sql<string | null>`a.effective_to::text`.as("effective_to")])
    .orderBy("a.id")
    .orderBy("s.position");
  if (filter.productId !== undefined) query = query.where("a.product_id", "=", filter.productId);
  if (filter.agreementId !== undefined) query = query.where("a.id", "=", filter.agreementId);
  const byId = new Map<number, Agreement>();
  for (const row of await query.execute()) {
    const agreement = byId.get(row.id) ?? { id: row.id, productId: row.product_id, rateBp: row.rate_bp, effectiveFrom: row.effective_from, effectiveTo: row.effective_to, currency: row.currency?.trim() ?? null, shares: [], sharesBp: [] };
    agreement.shares.push({ accountId: row.account_id, shareBp: row.share_bp, acceptedAt: row.accepted_at });
    agreement.sharesBp.push(row.share_bp);
    byId.set(row.id, agreement);
  }
  const byProduct = new Map<number, Agreement[]>();
  for (const agreement of byId.values()) byProduct.set(agreement.productId, [...(byProduct.get(agreement.productId) ?? []), agreement]);
  return byProduct;
}

export interface AgreementInput {
  productId: number;
  rateBp: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Omitted: the product's creators in equal shares. */
  shares?: Array<{ accountId: number; shareBp: number }>;
  /** The currency its creators are paid in; omitted: statements stay in each sales currency. */
  currency?: string | null;
}

/** The text a creator accepts; its digest is kept with the acceptance. The payout currency is part of it when named. */
export function agreementTerms(agreement: Pick<Agreement, "id" | "productId" | "rateBp" | "effectiveFrom" | "effectiveTo" | "shares" | "currency">): string {
  const shares = agreement.shares.map((share) => `${share.accountId}:${share.shareBp}`).join(",");
  const paidIn = agreement.currency ? `; paid in ${agreement.currency}` : "";
  return `agreement ${agreement.id}; product ${agreement.productId}; rate ${agreement.rateBp} bp of net sales; from ${agreement.effectiveFrom} to ${agreement.effectiveTo ?? "open"}; shares ${shares}${paidIn}`;
}

/** Creates an agreement (finance), audited. Agreements of one product may not overlap in time. */
export async function createAgreement(db: Executor, actor: Actor, input: AgreementInput, ip: string | null = null): Promise<number> {
  authorize(actor, "royalties.manage");
  const errors: FieldErrors = {};
  if (!Number.isInteger(input.rateBp) || input.rateBp < 0 || input.rateBp > 10_000) errors.rateBp = { key: "royalties.agreement.rate" };
  if (input.effectiveTo !== null && input.effectiveTo <= input.effectiveFrom) errors.effectiveTo = { key: "royalties.agreement.dates" };
  if (input.currency != null && (!/^[A-Z]{3}$/.test(input.currency) || !isCurrency(input.currency))) errors.currency = { key: "royalties.agreement.currency", params: { currency: input.currency.slice(0, 10) } };
  if (Object.keys(errors).length > 0) throw invalid("validation_failed", "errors.validation", errors);
  return inTransaction(db, async (tx) => {
    const product = await findProduct(tx, input.productId);
    if (!product) throw notFound("product_not_found", "products.errors.notFound");
    await tx.selectFrom("products").select("id").where("id", "=", input.productId).forUpdate().execute();
    const creators = (await creatorsOfProducts(tx, [input.productId])).get(input.productId) ?? [];
    const shares = input.shares ?? (() => {
      const split = equalShares(creators.length);
      return creators.map((accountId, index) => ({ accountId, shareBp: split[index] ?? 0 }));
    })();
    if (!validShares(shares)) throw invalid("validation_failed", "errors.validation", { shares: { key: "royalties.agreement.sharesInvalid" } });
    const existing = (await loadAgreements(tx, { productId: input.productId })).get(input.productId) ?? [];
    if (existing.some((other) => rangesOverlap({ from: other.effectiveFrom, to: other.effectiveTo }, { from: input.effectiveFrom, to: input.effectiveTo }))) {
      throw conflict("agreement_overlap", "royalties.agreement.overlap");
    }
    const row = await tx
      .insertInto("royalty_agreements")
      .values({ product_id: input.productId, rate_bp: input.rateBp, effective_from: input.effectiveFrom, effective_to: input.effectiveTo, created_by: actor.id, currency: input.currency ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("royalty_shares")
      .values(shares.map((share, position) => ({ agreement_id: row.id, account_id: share.accountId, share_bp: share.shareBp, position, accepted_at: null, accepted_terms: null })))
      .execute();
    await recordAudit(tx, { actorId: actor.id, action: "royalties.agreement.create", subjectType: "royalty_agreement", subjectId: row.id, details: { ...input, shares }, ip });
    return row.id;
  });
}

/** The creator accepts their share of an agreement; the digest of the accepted terms is kept. Audited. */
export async function acceptAgreement(db: Executor, actor: Actor, agreementId: number, now: Date, ip: string | null = null): Promise<void> {
  await inTransaction(db, async (tx) => {
    const agreement = [...(await loadAgreements(tx, { agreementId })).values()].flat()[0];
    const share = agreement?.shares.find((item) => item.accountId === actor.id);
    // Someone else's agreement does not exist for this member.
    if (!agreement || !share) throw notFound("agreement_not_found", "royalties.agreement.notFound");
    if (share.acceptedAt) return;
    const digest = createHash("sha256").update(agreementTerms(agreement)).digest("hex");
    await tx.updateTable("royalty_shares").set({ accepted_at: now, accepted_terms: digest }).where("agreement_id", "=", agreementId).where("account_id", "=", actor.id).execute();
    await recordAudit(tx, { actorId: actor.id, action: "royalties.agreement.accept", subjectType: "royalty_agreement", subjectId: agreementId, details: { terms: digest }, ip });
  });
}

/** The agreements a member is party to, with the product and their own share. */
export async function agreementsOf(db: Executor, accountId: number): Promise<Array<Agreement & { myShareBp: number; acceptedAt: Date | null }>> {
  const ids = await db.selectFrom("royalty_shares").select("agreement_id").where("account_id", "=", accountId).execute();
  if (ids.length === 0) return [];
  const all: Agreement[] = [];
  for (const { agreement_id } of ids) all.push(...[...(await loadAgreements(db, { agreementId: agreement_id })).values()].flat());
  return all.map((agreement) => {
    const mine = agreement.shares.find((share) => share.accountId === accountId);
    return { ...agreement, myShareBp: mine?.shareBp ?? 0, acceptedAt: mine?.acceptedAt ?? null };
  });
}

/**
 * Ends an agreement on `day` inside the caller's transaction: sales from that day on (UTC) fall outside
 * it. Refused when the day is not inside it, is in the past, or sales of the product from that day on
 * were booked under it already (their entries keep the terms they were booked with).
 */
async function closeAgreement(tx: Tx, agreement: Agreement, day: string, now: Date): Promise<void> {
  const problem = changeDayProblem(agreement, day, utcDay(now));
  if (problem) throw invalid("validation_failed", "errors.validation", { day: { key: problem } });
  const later = await tx
    .selectFrom("sales_lines")
    .select("id")
    .where("product_id", "=", agreement.productId)
    .where("refund_of", "is", null)
    .where("sold_at", ">=", new Date(`${day}T00:00:00Z`))
    .limit(1)
    .executeTakeFirst();
  if (later) throw conflict("agreement_sales_after", "royalties.agreement.salesAfter");
  await tx.updateTable("royalty_agreements").set({ effective_to: day }).where("id", "=", agreement.id).execute();
}

/** The agreement, locked for the change; waits for a running import (imports read agreements once). */
async function changing<T>(db: Executor, actor: Actor, agreementId: number, fn: (tx: Tx, agreement: Agreement) => Promise<T>): Promise<T> {
  authorize(actor, "royalties.manage");
  return oneAtATime(db, () =>
    inTransaction(db, async (tx) => {
      await tx.selectFrom("royalty_agreements").select("id").where("id", "=", agreementId).forUpdate().execute();
      const agreement = [...(await loadAgreements(tx, { agreementId })).values()].flat()[0];
      if (!agreement) throw notFound("agreement_not_found", "royalties.agreement.notFound");
      return fn(tx, agreement);
    }),
  );
}

/** Finance (or an admin) ends an agreement on a day, audited. */
export async function endAgreement(db: Executor, actor: Actor, agreementId: number, day: string, now: Date, ip: string | null = null): Promise<void> {
  await changing(db, actor, agreementId, async (tx, agreement) => {
    await closeAgreement(tx, agreement, day, now);
    await recordAudit(tx, { actorId: actor.id, action: "royalties.agreement.end", subjectType: "royalty_agreement", subjectId: agreementId, details: { day, before: agreement.effectiveTo }, ip });
  });
}

/**
 * Finance (or an admin) changes an agreement's rate or shares from a day on: the agreement ends that
 * day and a new one with the new terms starts, until the old one's end; its creators accept it anew.
 * Audited; returns the new agreement's id.
 */
export async function changeAgreement(db: Executor, actor: Actor, agreementId: number, change: { day: string; rateBp: number; shares?: Array<{ accountId: number; shareBp: number }> }, now: Date, ip: string | null = null): Promise<number> {
  return changing(db, actor, agreementId, async (tx, agreement) => {
    await closeAgreement(tx, agreement, change.day, now);
    const shares = change.shares ?? agreement.shares.map((share) => ({ accountId: share.accountId, shareBp: share.shareBp }));
    const id = await createAgreement(tx, actor, { productId: agreement.productId, rateBp: change.rateBp, effectiveFrom: change.day, effectiveTo: agreement.effectiveTo, shares, currency: agreement.currency }, ip);
    await recordAudit(tx, { actorId: actor.id, action: "royalties.agreement.change", subjectType: "royalty_agreement", subjectId: agreementId, details: { day: change.day, rateBp: change.rateBp, shares, replacedBy: id }, ip });
    return id;
  });
}
