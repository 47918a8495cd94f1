-- Product reviews with helpful votes and staff responses; verified purchases behind the buyer badge.
create table verified_purchases (
  id bigserial primary key,
  -- The shop's order line id: importing the same line again changes nothing.
  external_id text not null unique,
  product_id bigint not null references products (id),
  email text not null,
  account_id bigint references accounts (id),
  purchased_at timestamptz not null,
  imported_at timestamptz not null default now()
);
create index verified_purchases_buyer_idx on verified_purchases (product_id, account_id);
create index verified_purchases_email_idx on verified_purchases (product_id, email);

create table reviews (
  id bigserial primary key,
  product_id bigint not null references products (id),
  author_id bigint not null references accounts (id),
  rating smallint not null check (rating between 1 and 5),
  title text not null default '',
  body text not null,
  language text not null check (language in ('en', 'fa', 'he')),
  verified_buyer boolean not null default false,
  helpful_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  response text,
  response_by bigint references accounts (id),
  response_at timestamptz,
  hidden_at timestamptz,
  unique (product_id, author_id)
);
create index reviews_product_helpful_idx on reviews (product_id, helpful_count desc, created_at desc);
create index reviews_product_recent_idx on reviews (product_id, created_at desc);

create table review_helpful_votes (
  review_id bigint not null references reviews (id) on delete cascade,
  member_id bigint not null references accounts (id),
  created_at timestamptz not null default now(),
  primary key (review_id, member_id)
);
