/** What the idea views show about each idea: its row, where it stands now, its category and display status. */
import type { Locale } from "../../../platform/i18n/index.ts";
import { standing, type IdeaStanding } from "../presenters.ts";
import { localMidnight, type IdeaState, type MilestoneRules, type ReviewRules } from "../rules.ts";
import type { IdeaListRow } from "../store.ts";

export type Names = Record<string, string>;

export interface Category {
  id: number;
  slug: string;
  names: Names;
}

export interface DisplayStatus {
  id: number;
  slug: string;
  names: Names;
  tone: "neutral" | "info" | "success" | "warning" | "danger";
}

export interface IdeaView {
  row: IdeaListRow;
  standing: IdeaStanding;
  category: Category | null;
  status: DisplayStatus | null;
}

/** Combines rows with their standing at `now` and their category and display status. */
export function ideaViews(rows: IdeaListRow[], rules: MilestoneRules, now: Date, categories: Category[], statuses: DisplayStatus[]): IdeaView[] {
  return rows.map((row) => ({
    row,
    standing: standing(rules, row, now),
    category: categories.find((category) => category.id === row.category_id) ?? null,
    status: statuses.find((status) => status.id === row.status_id) ?? null,
  }));
}

/** A name in the reader's language, else in English, else any, else the slug. */
export function localName(names: Names, locale: Locale, fallback: string): string {
  return names[locale] ?? names.en ?? Object.values(names)[0] ?? fallback;
}

const STATE_TONES: Record<IdeaState, DisplayStatus["tone"]> = {
  draft: "neutral",
  in_moderation: "info",
  changes_requested: "warning",
  rejected: "danger",
  open: "info",
  expired: "neutral",
  in_review: "warning",
  approved: "success",
  not_approved: "danger",
  on_hold: "warning",
  merged: "neutral",
};

/** The badge colour of a lifecycle state. */
export function stateTone(state: IdeaState): DisplayStatus["tone"] {
  return STATE_TONES[state];
}

/** The cut-off date of a review period id such as "2026-2" (the second cut-off of 2026), as reviewPeriodFor numbers them. */
export function reviewCutoff(rules: ReviewRules, periodId: string | null): Date | null {
  const match = periodId ? /^(\d{4})-(\d{1,2})$/.exec(periodId) : null;
  if (!match) return null;
  const sorted = [...rules.cutoffs].sort((a, b) => a.month - b.month || a.day - b.day);
  const cutoff = sorted[Number(match[2]) - 1];
  return cutoff ? localMidnight(Number(match[1]), cutoff.month, cutoff.day, rules.timeZone) : null;
}
