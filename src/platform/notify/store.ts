/** The in-app notifications of a member: list, mark read. */
import type { Executor } from "../db/index.ts";
import { fetchPage, type Page } from "../console/paging.ts";
import type { NotificationParams } from "./registry.ts";

export interface NotificationRow {
  id: number;
  type: string;
  params: NotificationParams;
  url: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** Keeps only the text and number values of stored params (what messages can format). */
function paramsOf(value: unknown): NotificationParams {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number"));
}

/** One page of a member's notifications, newest first. */
export async function listNotifications(db: Executor, accountId: number, page: number): Promise<Page<NotificationRow>> {
  return fetchPage(page, async (limit, offset) => {
    const rows = await db
      .selectFrom("notifications")
      .select(["id", "type", "params", "url", "created_at", "read_at"])
      .where("account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((row) => ({ id: row.id, type: row.type, params: paramsOf(row.params), url: row.url, createdAt: row.created_at, readAt: row.read_at }));
  });
}

/** Marks one of the member's notifications read; false when it is not theirs. */
export async function markRead(db: Executor, accountId: number, id: number, now = new Date()): Promise<boolean> {
  const result = await db.updateTable("notifications").set({ read_at: now }).where("id", "=", id).where("account_id", "=", accountId).where("read_at", "is", null).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return true;
  const exists = await db.selectFrom("notifications").select("id").where("id", "=", id).where("account_id", "=", accountId).executeTakeFirst();
  return exists !== undefined;
}

/** Marks all of a member's notifications read; returns how many changed. */
export async function markAllRead(db: Executor, accountId: number, now = new Date()): Promise<number> {
  const result = await db.updateTable("notifications").set({ read_at: now }).where("account_id", "=", accountId).where("read_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
