-- Questions and answers: members ask, answer, comment and vote; the asker (or staff) accepts one answer.
create table qa_tags (
  id bigserial primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  -- The tag's name per locale; the slug stands in for a missing one.
  names jsonb not null default '{}'
);

create table questions (
  id bigserial primary key,
  author_id bigint not null references accounts (id),
  title text not null,
  body text not null,
  language text not null check (language in ('en', 'fa', 'he')),
  product_id bigint references products (id),
  -- pending: a new account's first post waiting for a moderator; hidden: hidden by moderation.
  status text not null default 'published' check (status in ('published', 'pending', 'hidden')),
  answer_count integer not null default 0,
  -- Votes on its answers, summed: the "most voted" sort.
  votes integer not null default 0,
  accepted_answer_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  first_answer_at timestamptz,
  -- Time to first answer, kept so the console can show it without recomputing.
  first_answer_seconds integer,
  -- When the question, still unanswered, was routed to members who answered similar ones well.
  routed_at timestamptz,
  -- Normalised title (platform/search/normalize.ts) for similar questions.
  search_title text not null default ''
);
create index questions_newest_idx on questions (created_at desc, id desc) where status = 'published';
create index questions_unanswered_idx on questions (created_at) where status = 'published' and answer_count = 0;
create index questions_votes_idx on questions (votes desc, id desc) where status = 'published';
create index questions_author_idx on questions (author_id);
create index questions_title_trgm_idx on questions using gin (search_title gin_trgm_ops);

create table question_tags (
  question_id bigint not null references questions (id) on delete cascade,
  tag_id bigint not null references qa_tags (id),
  primary key (question_id, tag_id)
);
create index question_tags_tag_idx on question_tags (tag_id, question_id);

create table answers (
  id bigserial primary key,
  question_id bigint not null references questions (id) on delete cascade,
  author_id bigint not null references accounts (id),
  body text not null,
  -- Posted by staff: shown as the official answer.
  official boolean not null default false,
  status text not null default 'published' check (status in ('published', 'pending', 'hidden')),
  votes integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index answers_question_idx on answers (question_id, id);
create index answers_author_idx on answers (author_id);

alter table questions add constraint questions_accepted_fk foreign key (accepted_answer_id) references answers (id) on delete set null;

create table answer_votes (
  answer_id bigint not null references answers (id) on delete cascade,
  voter_id bigint not null references accounts (id),
  created_at timestamptz not null default now(),
  primary key (answer_id, voter_id)
);

create table qa_comments (
  id bigserial primary key,
  question_id bigint not null references questions (id) on delete cascade,
  answer_id bigint references answers (id) on delete cascade,
  author_id bigint not null references accounts (id),
  body text not null,
  status text not null default 'published' check (status in ('published', 'pending', 'hidden')),
  created_at timestamptz not null default now()
);
create index qa_comments_question_idx on qa_comments (question_id, id);
