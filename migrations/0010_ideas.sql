-- Ideas: members propose products, others support them through milestones to a review.
create table idea_categories (
  id bigserial primary key,
  slug text not null unique,
  names jsonb not null,
  position integer not null default 0
);

-- Display statuses a site defines on top of the fixed lifecycle states.
create table idea_statuses (
  id bigserial primary key,
  slug text not null unique,
  names jsonb not null,
  tone text not null default 'neutral' check (tone in ('neutral', 'info', 'success', 'warning', 'danger')),
  position integer not null default 0
);

create table ideas (
  id bigserial primary key,
  creator_id bigint not null references accounts (id),
  title text not null,
  body text not null,
  language text not null check (language in ('en', 'fa', 'he')),
  category_id bigint references idea_categories (id) on delete set null,
  state text not null default 'draft' check (state in ('draft', 'in_moderation', 'changes_requested', 'rejected', 'open', 'expired', 'in_review', 'approved', 'not_approved', 'on_hold', 'merged')),
  status_id bigint references idea_statuses (id) on delete set null,
  licence_accepted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  published_at timestamptz,
  -- When each milestone was first reached, in order.
  milestones_reached_at timestamptz[] not null default '{}',
  verified_supporters integer not null default 0,
  pending_supporters integer not null default 0,
  moderation_note text,
  moderated_by bigint references accounts (id) on delete set null,
  resubmission_of bigint unique references ideas (id),
  merged_into bigint references ideas (id),
  review_period text,
  qualified_at timestamptz,
  decision_public_note text,
  decision_private_note text,
  decided_at timestamptz,
  decided_by bigint references accounts (id) on delete set null,
  product_id bigint,
  -- Normalised title and body (see platform/search/normalize.ts) for similarity and search.
  search_text text not null default ''
);
create index ideas_state_idx on ideas (state, published_at desc);
create index ideas_creator_idx on ideas (creator_id);
create index ideas_category_idx on ideas (category_id);
create index ideas_search_trgm_idx on ideas using gin (search_text gin_trgm_ops);

create table idea_images (
  id bigserial primary key,
  idea_id bigint not null references ideas (id) on delete cascade,
  position integer not null,
  file_name text not null,
  width integer not null,
  height integer not null,
  bytes integer not null,
  alt text not null default '',
  created_at timestamptz not null default now()
);
create index idea_images_idea_idx on idea_images (idea_id, position);

-- One support per member per idea. Pending supports come from accounts below the site's trust bar
-- and do not count towards milestones until the account passes it.
create table idea_supports (
  idea_id bigint not null references ideas (id) on delete cascade,
  member_id bigint not null references accounts (id) on delete cascade,
  status text not null check (status in ('verified', 'pending')),
  would_buy text check (would_buy in ('yes', 'maybe', 'no')),
  price_band text check (price_band in ('under_25', '25_50', '50_100', '100_200', 'over_200')),
  quantity integer check (quantity between 1 and 20),
  created_at timestamptz not null default now(),
  primary key (idea_id, member_id)
);
create index idea_supports_member_idx on idea_supports (member_id);
create index idea_supports_recent_idx on idea_supports (idea_id, created_at);

create table idea_comments (
  id bigserial primary key,
  idea_id bigint not null references ideas (id) on delete cascade,
  author_id bigint not null references accounts (id),
  body text not null,
  created_at timestamptz not null default now(),
  hidden_at timestamptz
);
create index idea_comments_idea_idx on idea_comments (idea_id, created_at);

-- Updates the creator posts to the idea's followers.
create table idea_updates (
  id bigserial primary key,
  idea_id bigint not null references ideas (id) on delete cascade,
  author_id bigint not null references accounts (id),
  title text not null,
  body text not null,
  created_at timestamptz not null default now()
);
create index idea_updates_idea_idx on idea_updates (idea_id, created_at desc);

create table idea_follows (
  idea_id bigint not null references ideas (id) on delete cascade,
  member_id bigint not null references accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (idea_id, member_id)
);
