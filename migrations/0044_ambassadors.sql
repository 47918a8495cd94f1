-- Ambassadors: nominations and their review, memberships renewed yearly by accepting the agreement,
-- perks, tasks and their reports, and announcements in the ambassador-only space.

create table ambassador_nominations (
  id bigserial primary key,
  nominee_id bigint not null references accounts (id) on delete cascade,
  nominator_id bigint references accounts (id) on delete set null,
  -- Markdown, rendered and sanitised when shown.
  reason text not null,
  status text not null default 'open' check (status in ('open', 'accepted', 'declined')),
  decided_by bigint references accounts (id) on delete set null,
  decided_at timestamptz,
  decision_reason text not null default '',
  created_at timestamptz not null default now()
);
-- One open nomination per nominee.
create unique index ambassador_nominations_open_idx on ambassador_nominations (nominee_id) where status = 'open';
create index ambassador_nominations_status_idx on ambassador_nominations (status, created_at);

create table ambassador_memberships (
  id bigserial primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  -- How it began: an accepted nomination, or a staff grant from the member's profile.
  nomination_id bigint references ambassador_nominations (id) on delete set null,
  granted_by bigint references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  -- The latest acceptance of the agreement; null until the member accepts it.
  accepted_at timestamptz,
  -- One year after the latest acceptance (or after a staff grant); null while the agreement waits.
  expires_at timestamptz,
  -- The expiry the renewal reminder was sent for: a reminder goes once per term.
  reminded_for timestamptz,
  ended_at timestamptz,
  end_reason text check (end_reason in ('lapsed', 'withdrawn')),
  -- Reputation when the membership began, so the impact report can show what was gained since.
  reputation_at_start integer not null default 0
);
-- At most one membership that has not ended per member.
create unique index ambassador_memberships_current_idx on ambassador_memberships (account_id) where ended_at is null;
create index ambassador_memberships_expiry_idx on ambassador_memberships (expires_at) where ended_at is null;

-- Every acceptance of the agreement, with the SHA-256 of the exact terms accepted.
create table ambassador_agreements (
  id bigserial primary key,
  membership_id bigint not null references ambassador_memberships (id) on delete cascade,
  account_id bigint not null references accounts (id) on delete cascade,
  terms_sha256 text not null check (terms_sha256 ~ '^[0-9a-f]{64}$'),
  locale text not null,
  accepted_at timestamptz not null
);
create index ambassador_agreements_membership_idx on ambassador_agreements (membership_id, accepted_at);

create table ambassador_perks (
  id bigserial primary key,
  title text not null,
  body text not null default '',
  created_by bigint references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  removed_at timestamptz
);

create table ambassador_tasks (
  id bigserial primary key,
  title text not null,
  description text not null default '',
  due_on date,
  points integer not null default 0 check (points between 0 and 1000),
  created_by bigint references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  closed_at timestamptz
);

-- An ambassador's report that a task is done, confirmed (or sent back) by staff.
create table ambassador_task_reports (
  id bigserial primary key,
  task_id bigint not null references ambassador_tasks (id) on delete cascade,
  account_id bigint not null references accounts (id) on delete cascade,
  link text,
  status text not null default 'reported' check (status in ('reported', 'confirmed', 'returned')),
  reported_at timestamptz not null,
  decided_by bigint references accounts (id) on delete set null,
  decided_at timestamptz,
  unique (task_id, account_id)
);
create index ambassador_task_reports_status_idx on ambassador_task_reports (status, reported_at);

create table ambassador_announcements (
  id bigserial primary key,
  author_id bigint references accounts (id) on delete set null,
  body text not null,
  created_at timestamptz not null default now()
);
create index ambassador_announcements_time_idx on ambassador_announcements (created_at desc);
