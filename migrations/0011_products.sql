-- Products: catalogue entries, optionally born from an idea. The royalties work extends this table.
create table products (
  id bigserial primary key,
  names jsonb not null,
  status text not null default 'planned' check (status in ('planned', 'in_development', 'launched', 'retired')),
  idea_id bigint unique,
  created_at timestamptz not null default now(),
  created_by bigint references accounts (id) on delete set null
);

-- Who created a product's idea: the people a royalty agreement is with.
create table product_creators (
  product_id bigint not null references products (id) on delete cascade,
  account_id bigint not null references accounts (id),
  primary key (product_id, account_id)
);
