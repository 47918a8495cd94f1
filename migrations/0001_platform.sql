-- Platform tables: accounts, sessions, tokens, permissions, audit, jobs, mail, notifications, settings.
create extension if not exists pg_trgm;

create table accounts (
  id bigserial primary key,
  email text not null,
  email_verified_at timestamptz,
  password_hash text,
  name text not null,
  locale text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  suspended_until timestamptz,
  deleted_at timestamptz,
  constraint accounts_email_lower check (email = lower(email))
);
create unique index accounts_email_key on accounts (email);

-- A role held by an account, optionally limited to a scope ('*' = everywhere, or e.g. 'category:7').
create table account_roles (
  account_id bigint not null references accounts (id) on delete cascade,
  role text not null check (role in ('member', 'moderator', 'community_manager', 'product_reviewer', 'finance', 'admin')),
  scope text not null default '*',
  granted_at timestamptz not null default now(),
  granted_by bigint references accounts (id) on delete set null,
  primary key (account_id, role, scope)
);

-- Browser sessions; the cookie holds a random token, the table its SHA-256.
create table sessions (
  id text primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  user_agent text,
  ip text
);
create index sessions_account_idx on sessions (account_id);

-- One-time tokens sent by email: verify an address, sign in by magic link, reset a password.
create table email_tokens (
  id text primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  purpose text not null check (purpose in ('verify', 'magic', 'reset')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index email_tokens_account_idx on email_tokens (account_id, purpose);

-- API tokens with scopes; the token is shown once, the table keeps its SHA-256.
create table api_tokens (
  id bigserial primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  scopes text[] not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Failed sign-ins, for per-account rate limits that hold across processes.
create table login_failures (
  id bigserial primary key,
  email text not null,
  ip text,
  failed_at timestamptz not null default now()
);
create index login_failures_email_idx on login_failures (email, failed_at);

-- Staff actions, append-only.
create table audit_log (
  id bigserial primary key,
  actor_id bigint references accounts (id) on delete set null,
  action text not null,
  subject_type text,
  subject_id text,
  details jsonb not null default '{}'::jsonb,
  ip text,
  created_at timestamptz not null default now()
);
create index audit_log_created_idx on audit_log (created_at desc);
create index audit_log_actor_idx on audit_log (actor_id, created_at desc);

-- Durable background jobs; workers claim with FOR UPDATE SKIP LOCKED.
create table jobs (
  id bigserial primary key,
  queue text not null,
  payload jsonb not null default '{}'::jsonb,
  -- Optional idempotency key: a second job with the same key is not added.
  dedupe_key text unique,
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 8,
  locked_until timestamptz,
  locked_by text,
  last_error text,
  state text not null default 'queued' check (state in ('queued', 'done', 'failed')),
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due_idx on jobs (run_at) where state = 'queued';

-- Every email goes through the outbox, written in the same transaction as the change that caused it.
create table mail_outbox (
  id bigserial primary key,
  to_address text not null,
  account_id bigint references accounts (id) on delete set null,
  kind text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  headers jsonb not null default '{}'::jsonb,
  status text not null default 'queued' check (status in ('queued', 'sent', 'captured', 'failed')),
  attempts integer not null default 0,
  last_error text,
  message_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_created_idx on mail_outbox (created_at desc);

create table notifications (
  id bigserial primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  type text not null,
  params jsonb not null default '{}'::jsonb,
  url text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_account_idx on notifications (account_id, created_at desc);

-- Per-member, per-type delivery choices; a missing row means the type's defaults.
create table notification_settings (
  account_id bigint not null references accounts (id) on delete cascade,
  type text not null,
  in_app boolean not null,
  email boolean not null,
  primary key (account_id, type)
);

-- Site settings: name, colours, guidelines, module switches and rules, as JSON values by key.
create table site_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by bigint references accounts (id) on delete set null
);
