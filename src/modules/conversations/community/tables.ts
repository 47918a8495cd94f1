/** Row types of the community tables (migrations 0035–0038). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
export type Language = "en" | "fa" | "he";
export const REACTIONS = ["like", "love", "laugh", "insightful", "celebrate"] as const;
export type Reaction = (typeof REACTIONS)[number];

export interface DiscussionCategoriesTable {
  id: Generated<number>;
  slug: string;
  names: Json<Record<string, string>>;
  descriptions: ColumnType<Record<string, string>, string | undefined, string>;
  position: Generated<number>;
}

export interface TopicsTable {
  id: Generated<number>;
  category_id: number;
  author_id: number;
  title: string;
  language: Language;
  created_at: Timestamp;
  last_posted_at: Timestamp;
  reply_count: Generated<number>;
  pinned_at: Date | null;
  locked_at: Date | null;
  closed_at: Date | null;
  hidden_at: Date | null;
  merged_into: number | null;
}

export interface PostsTable {
  id: Generated<number>;
  topic_id: number;
  author_id: number;
  reply_to_id: number | null;
  quote_of_id: number | null;
  quote: string | null;
  body: string;
  is_opening: Generated<boolean>;
  created_at: Timestamp;
  edited_at: Date | null;
  hidden_at: Date | null;
}

export interface PostReactionsTable {
  post_id: number;
  member_id: number;
  reaction: Reaction;
  created_at: Timestamp;
}

export interface PollsTable {
  id: Generated<number>;
  post_id: number;
  question: string;
  multiple: boolean;
  closes_at: Date | null;
  voters: Generated<number>;
}

export interface PollOptionsTable {
  id: Generated<number>;
  poll_id: number;
  position: number;
  label: string;
  votes: Generated<number>;
}

export interface PollBallotsTable {
  poll_id: number;
  member_id: number;
  created_at: Timestamp;
}

export interface PollVotesTable {
  poll_id: number;
  member_id: number;
  option_id: number;
}

export interface VerifiedPurchasesTable {
  id: Generated<number>;
  external_id: string;
  product_id: number;
  email: string;
  account_id: number | null;
  purchased_at: Timestamp;
  imported_at: Timestamp;
}

export interface ReviewsTable {
  id: Generated<number>;
  product_id: number;
  author_id: number;
  rating: number;
  title: Generated<string>;
  body: string;
  language: Language;
  verified_buyer: Generated<boolean>;
  helpful_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  response: string | null;
  response_by: number | null;
  response_at: Date | null;
  hidden_at: Date | null;
}

export interface ReviewHelpfulVotesTable {
  review_id: number;
  member_id: number;
  created_at: Timestamp;
}

export interface CreationsTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  body: string;
  language: Language;
  product_id: number | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  route: ColumnType<Array<[number, number]> | null, string | null, string | null>;
  route_name: string | null;
  route_meters: number | null;
  like_count: Generated<number>;
  made_too_count: Generated<number>;
  featured_at: Date | null;
  featured_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  hidden_at: Date | null;
}

export interface CreationImagesTable {
  id: Generated<number>;
  creation_id: number;
  position: number;
  file_name: string;
  width: number;
  height: number;
}

export interface CreationLikesTable {
  creation_id: number;
  member_id: number;
  created_at: Timestamp;
}

export interface CollectionsTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  created_at: Timestamp;
}

export interface CollectionItemsTable {
  collection_id: number;
  creation_id: number;
  added_at: Timestamp;
}

export interface CritiquePreviewsTable {
  id: Generated<number>;
  product_id: number | null;
  title: string;
  body: string;
  language: Language;
  questions: Json<string[]>;
  image_file: string | null;
  created_by: number;
  created_at: Timestamp;
  closes_at: Date | null;
}

export interface CritiqueResponsesTable {
  id: Generated<number>;
  preview_id: number;
  member_id: number;
  rating: number;
  liked: Generated<string>;
  would_change: Generated<string>;
  answers: Json<string[]>;
  created_at: Timestamp;
}

declare module "../../../platform/db/index.ts" {
  interface Tables {
    discussion_categories: DiscussionCategoriesTable;
    topics: TopicsTable;
    posts: PostsTable;
    post_reactions: PostReactionsTable;
    polls: PollsTable;
    poll_options: PollOptionsTable;
    poll_ballots: PollBallotsTable;
    poll_votes: PollVotesTable;
    verified_purchases: VerifiedPurchasesTable;
    reviews: ReviewsTable;
    review_helpful_votes: ReviewHelpfulVotesTable;
    creations: CreationsTable;
    creation_images: CreationImagesTable;
    creation_likes: CreationLikesTable;
    creation_made_too: CreationLikesTable;
    collections: CollectionsTable;
    collection_items: CollectionItemsTable;
    critique_previews: CritiquePreviewsTable;
    critique_responses: CritiqueResponsesTable;
  }
}
