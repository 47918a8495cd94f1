-- The spotlight (a member or a creation featured on the home page with a write-up) and the fan
-- ladder's weekly snapshot (members per stage per ISO week) behind the console's funnel chart.

create table spotlights (
  id bigserial primary key,
  subject_type text not null check (subject_type in ('member', 'creation')),
  subject_id bigint not null,
  -- The write-up in markdown per language; at least one: {"en": "…", "fa": "…"}.
  writeups jsonb not null,
  starts_at timestamptz not null,
  ends_at timestamptz,
  created_by bigint references accounts (id),
  created_at timestamptz not null default now(),
  check (ends_at is null or ends_at > starts_at)
);
-- The home page reads the current ones (started, not ended) newest first; the history pages by start.
create index spotlights_starts_idx on spotlights (starts_at desc);

create table member_stage_weeks (
  -- The Monday that starts the ISO week.
  week date not null,
  stage text not null check (stage in ('newcomer', 'participant', 'advocate', 'creator', 'ambassador')),
  members integer not null,
  taken_at timestamptz not null default now(),
  primary key (week, stage)
);
