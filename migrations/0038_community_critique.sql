-- Product critique: staff show a preview with questions; members answer with structured feedback.
create table critique_previews (
  id bigserial primary key,
  product_id bigint references products (id),
  title text not null,
  body text not null,
  language text not null check (language in ('en', 'fa', 'he')),
  -- The questions staff ask, in order (plain text).
  questions jsonb not null default '[]',
  image_file text,
  created_by bigint not null references accounts (id),
  created_at timestamptz not null default now(),
  closes_at timestamptz
);

create table critique_responses (
  id bigserial primary key,
  preview_id bigint not null references critique_previews (id) on delete cascade,
  member_id bigint not null references accounts (id),
  rating smallint not null check (rating between 1 and 5),
  liked text not null default '',
  would_change text not null default '',
  -- Answers to the preview's questions, by position.
  answers jsonb not null default '[]',
  created_at timestamptz not null default now(),
  unique (preview_id, member_id)
);
