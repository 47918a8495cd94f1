/** Row types of the Q&A tables (migrations/0032_qa.sql). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type PostStatus = "published" | "pending" | "hidden";
export type Language = "en" | "fa" | "he";

export interface QaTagsTable {
  id: Generated<number>;
  slug: string;
  names: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface QuestionsTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  body: string;
  language: Language;
  product_id: number | null;
  status: Generated<PostStatus>;
  answer_count: Generated<number>;
  votes: Generated<number>;
  accepted_answer_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_answer_at: Date | null;
  first_answer_seconds: number | null;
  routed_at: Date | null;
  search_title: Generated<string>;
}

export interface QuestionTagsTable {
  question_id: number;
  tag_id: number;
}

export interface AnswersTable {
  id: Generated<number>;
  question_id: number;
  author_id: number;
  body: string;
  official: Generated<boolean>;
  status: Generated<PostStatus>;
  votes: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AnswerVotesTable {
  answer_id: number;
  voter_id: number;
  created_at: Timestamp;
}

export interface QaCommentsTable {
  id: Generated<number>;
  question_id: number;
  answer_id: number | null;
  author_id: number;
  body: string;
  status: Generated<PostStatus>;
  created_at: Timestamp;
}

declare module "../../../platform/db/index.ts" {
  interface Tables {
    qa_tags: QaTagsTable;
    questions: QuestionsTable;
    question_tags: QuestionTagsTable;
    answers: AnswersTable;
    answer_votes: AnswerVotesTable;
    qa_comments: QaCommentsTable;
  }
}
