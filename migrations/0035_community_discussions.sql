-- Discussions: categories, topics, threaded posts with quotes, reactions, and polls inside posts.
create table discussion_categories (
  id bigserial primary key,
  slug text not null unique,
  names jsonb not null,
  descriptions jsonb not null default '{}',
  position integer not null default 0
);

create table topics (
  id bigserial primary key,
  category_id bigint not null references discussion_categories (id),
  author_id bigint not null references accounts (id),
  title text not null,
  language text not null check (language in ('en', 'fa', 'he')),
  created_at timestamptz not null default now(),
  last_posted_at timestamptz not null default now(),
  -- Replies, not counting the opening post.
  reply_count integer not null default 0,
  pinned_at timestamptz,
  -- Locked: nobody but staff may post. Closed: the conversation is over (no replies, no votes).
  locked_at timestamptz,
  closed_at timestamptz,
  hidden_at timestamptz,
  merged_into bigint references topics (id)
);
create index topics_category_idx on topics (category_id, pinned_at desc nulls last, last_posted_at desc);
create index topics_latest_idx on topics (last_posted_at desc);

create table posts (
  id bigserial primary key,
  topic_id bigint not null references topics (id),
  author_id bigint not null references accounts (id),
  -- The post this one answers (threads); null for the opening post and top-level replies.
  reply_to_id bigint references posts (id) on delete set null,
  -- The post quoted at the top of this one, shown as "X wrote:".
  quote_of_id bigint references posts (id) on delete set null,
  quote text,
  body text not null,
  is_opening boolean not null default false,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  hidden_at timestamptz
);
create index posts_topic_idx on posts (topic_id, created_at);
create index posts_author_idx on posts (author_id);
create unique index posts_opening_key on posts (topic_id) where is_opening;

create table post_reactions (
  post_id bigint not null references posts (id) on delete cascade,
  member_id bigint not null references accounts (id),
  reaction text not null check (reaction in ('like', 'love', 'laugh', 'insightful', 'celebrate')),
  created_at timestamptz not null default now(),
  primary key (post_id, member_id, reaction)
);

create table polls (
  id bigserial primary key,
  post_id bigint not null unique references posts (id) on delete cascade,
  question text not null,
  multiple boolean not null default false,
  closes_at timestamptz,
  voters integer not null default 0
);

create table poll_options (
  id bigserial primary key,
  poll_id bigint not null references polls (id) on delete cascade,
  position integer not null,
  label text not null,
  votes integer not null default 0,
  unique (poll_id, position)
);

-- One ballot per member and poll (the key refuses a second); its choices below.
create table poll_ballots (
  poll_id bigint not null references polls (id) on delete cascade,
  member_id bigint not null references accounts (id),
  created_at timestamptz not null default now(),
  primary key (poll_id, member_id)
);

create table poll_votes (
  poll_id bigint not null,
  member_id bigint not null,
  option_id bigint not null references poll_options (id) on delete cascade,
  primary key (poll_id, member_id, option_id),
  foreign key (poll_id, member_id) references poll_ballots (poll_id, member_id) on delete cascade
);

-- A site starts with one category, so members can talk before staff add more.
insert into discussion_categories (slug, names, descriptions, position) values
  ('general', '{"en": "General", "fa": "گفت‌وگوی آزاد", "he": "כללי"}', '{"en": "Anything about our products and the community.", "fa": "هر چیزی درباره‌ی محصولات و جامعه.", "he": "כל דבר על המוצרים והקהילה."}', 0);
