-- Moderation: flags weighted by the flagger's trust, cases in the moderators' queue (flagged content and
-- first posts waiting for approval), edit history, and the posting log behind the
-- per-trust rate limits.
create table moderation_flags (
  id bigserial primary key,
  subject_type text not null,
  subject_id bigint not null,
  flagger_id bigint not null references accounts (id),
  reason text not null check (reason in ('spam', 'offensive', 'off_topic', 'other')),
  note text,
  weight integer not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
-- One open flag per member and subject: flagging twice does not add weight.
create unique index moderation_flags_once_idx on moderation_flags (subject_type, subject_id, flagger_id) where resolved_at is null;

create table moderation_cases (
  id bigserial primary key,
  subject_type text not null,
  subject_id bigint not null,
  author_id bigint not null references accounts (id),
  kind text not null check (kind in ('flagged', 'approval')),
  flag_weight integer not null default 0,
  -- True when the flags' weight hid the content (until a moderator decides).
  auto_hidden boolean not null default false,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by bigint references accounts (id),
  decision text check (decision in ('kept', 'hidden', 'approved', 'rejected'))
);
create unique index moderation_cases_open_idx on moderation_cases (subject_type, subject_id) where closed_at is null;
create index moderation_cases_queue_idx on moderation_cases (opened_at) where closed_at is null;
create index moderation_cases_author_idx on moderation_cases (author_id, kind, decision);

create table content_revisions (
  id bigserial primary key,
  subject_type text not null,
  subject_id bigint not null,
  editor_id bigint not null references accounts (id),
  title text,
  body text not null,
  created_at timestamptz not null default now()
);
create index content_revisions_subject_idx on content_revisions (subject_type, subject_id, id);

create table posting_log (
  account_id bigint not null references accounts (id),
  kind text not null,
  posted_at timestamptz not null
);
create index posting_log_account_idx on posting_log (account_id, posted_at);
