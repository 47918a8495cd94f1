-- Creations members share (with images, tags, a product, an optional GPX route), likes, "I made this too", collections.
create table creations (
  id bigserial primary key,
  author_id bigint not null references accounts (id),
  title text not null,
  body text not null,
  language text not null check (language in ('en', 'fa', 'he')),
  product_id bigint references products (id),
  tags text[] not null default '{}',
  -- The simplified route as [[lat, lon], …] (at most a few hundred points), its name and length.
  route jsonb,
  route_name text,
  route_meters integer,
  like_count integer not null default 0,
  made_too_count integer not null default 0,
  featured_at timestamptz,
  featured_by bigint references accounts (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  hidden_at timestamptz
);
create index creations_recent_idx on creations (created_at desc);
create index creations_featured_idx on creations (featured_at desc) where featured_at is not null;
create index creations_tags_idx on creations using gin (tags);

create table creation_images (
  id bigserial primary key,
  creation_id bigint not null references creations (id) on delete cascade,
  position integer not null,
  file_name text not null,
  width integer not null,
  height integer not null,
  unique (creation_id, position)
);

create table creation_likes (
  creation_id bigint not null references creations (id) on delete cascade,
  member_id bigint not null references accounts (id),
  created_at timestamptz not null default now(),
  primary key (creation_id, member_id)
);

create table creation_made_too (
  creation_id bigint not null references creations (id) on delete cascade,
  member_id bigint not null references accounts (id),
  created_at timestamptz not null default now(),
  primary key (creation_id, member_id)
);

create table collections (
  id bigserial primary key,
  owner_id bigint not null references accounts (id),
  name text not null,
  created_at timestamptz not null default now()
);
create index collections_owner_idx on collections (owner_id);

create table collection_items (
  collection_id bigint not null references collections (id) on delete cascade,
  creation_id bigint not null references creations (id) on delete cascade,
  added_at timestamptz not null default now(),
  primary key (collection_id, creation_id)
);
