/** Polls inside a discussion post: their shape, who may vote how, and the results. */
import { invalid, conflict } from "../../../../platform/errors.ts";

export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;
export const POLL_QUESTION_MAX = 200;
export const POLL_OPTION_MAX = 100;

export interface PollInput {
  question: string;
  options: string[];
  multiple: boolean;
}

/**
 * A poll as it will be stored: trimmed, blank options dropped, 2–10 distinct options. Throws a
 * field error on `poll` otherwise.
 */
export function normalizePoll(input: PollInput): PollInput {
  const question = input.question.trim();
  const options = input.options.map((option) => option.trim()).filter((option) => option !== "");
  const fail = (key: string, params: Record<string, number> = {}) => invalid("invalid_poll", key, { poll: { key, params } }, params);
  if (question === "") throw fail("community.errors.pollQuestion");
  if (question.length > POLL_QUESTION_MAX) throw fail("errors.field.maxLength", { limit: POLL_QUESTION_MAX });
  if (options.length < POLL_MIN_OPTIONS || options.length > POLL_MAX_OPTIONS) throw fail("community.errors.pollOptions", { min: POLL_MIN_OPTIONS, max: POLL_MAX_OPTIONS });
  if (options.some((option) => option.length > POLL_OPTION_MAX)) throw fail("errors.field.maxLength", { limit: POLL_OPTION_MAX });
  if (new Set(options.map((option) => option.toLocaleLowerCase())).size !== options.length) throw fail("community.errors.pollDuplicate");
  return { question, options, multiple: input.multiple };
}

export interface PollFacts {
  multiple: boolean;
  optionIds: readonly number[];
  closed: boolean;
  /** True when the member has already cast a ballot. */
  alreadyVoted: boolean;
}

/**
 * The options a ballot chooses, checked: one ballot per member, one choice unless the poll allows
 * several, every choice one of the poll's options, no choice twice.
 */
export function checkBallot(poll: PollFacts, chosen: readonly number[]): number[] {
  if (poll.closed) throw conflict("poll_closed", "community.errors.pollClosed");
  if (poll.alreadyVoted) throw conflict("already_voted", "community.errors.alreadyVoted");
  const unique = [...new Set(chosen)];
  if (unique.length === 0) throw invalid("no_choice", "community.errors.pollChoose", { options: { key: "community.errors.pollChoose" } });
  if (unique.length !== chosen.length || unique.some((id) => !poll.optionIds.includes(id))) {
    throw invalid("invalid_choice", "community.errors.pollChoice", { options: { key: "community.errors.pollChoice" } });
  }
  if (!poll.multiple && unique.length > 1) throw invalid("single_choice", "community.errors.pollSingle", { options: { key: "community.errors.pollSingle" } });
  return unique;
}

export interface OptionResult {
  id: number;
  label: string;
  votes: number;
  /** Whole percent of voters (not of votes: with several choices the shares add up past 100). */
  percent: number;
}

/** Each option's votes and share of the voters. */
export function pollResults(options: ReadonlyArray<{ id: number; label: string; votes: number }>, voters: number): OptionResult[] {
  return options.map((option) => ({ ...option, percent: voters === 0 ? 0 : Math.round((option.votes / voters) * 100) }));
}
