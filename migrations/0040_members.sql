-- Members: profiles, scores on the fan ladder and trust levels, and the history of stage and level changes.

create table member_profiles (
  account_id bigint primary key references accounts (id) on delete cascade,
  bio text not null default '',
  -- Languages the member speaks (en, fa, he, …), shown on the profile and used by the directory filter.
  languages text[] not null default '{}',
  -- A coarse location only (a city or country), never an address.
  location text not null default '',
  -- Links to the member's accounts elsewhere: [{"label": "…", "url": "https://…"}].
  links jsonb not null default '[]',
  -- Who may see what: the directory listing, the location and links, and the contributions.
  listed boolean not null default true,
  show_location boolean not null default true,
  show_links boolean not null default true,
  show_activity boolean not null default true,
  updated_at timestamptz not null default now()
);
create index member_profiles_languages_idx on member_profiles using gin (languages);

create table member_scores (
  account_id bigint primary key references accounts (id) on delete cascade,
  reputation integer not null default 0,
  -- Reputation points per activity type: the explanation of the score.
  reputation_parts jsonb not null default '{}',
  trust_level smallint not null default 0 check (trust_level between 0 and 4),
  -- A level granted by staff (4, or a floor); never lowered by the recompute.
  trust_granted smallint check (trust_granted between 0 and 4),
  trust_since timestamptz not null default now(),
  -- When a demotion was last considered: demotions are looked at once per review period.
  trust_reviewed_at timestamptz not null default now(),
  stage text not null default 'newcomer' check (stage in ('newcomer', 'participant', 'advocate', 'creator', 'ambassador')),
  stage_since timestamptz not null default now(),
  ambassador boolean not null default false,
  -- The aggregated facts the rules read (counts per metric) and the contributions per activity type.
  metrics jsonb not null default '{}',
  contributions jsonb not null default '{}',
  -- The criteria that placed the member on their stage and level at the last change.
  reasons jsonb not null default '{}',
  computed_at timestamptz not null default now()
);
create index member_scores_stage_idx on member_scores (stage, reputation desc);

create table member_stage_changes (
  id bigserial primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  kind text not null check (kind in ('stage', 'trust')),
  from_value text not null,
  to_value text not null,
  reasons jsonb not null default '[]',
  changed_at timestamptz not null default now()
);
create index member_stage_changes_account_idx on member_stage_changes (account_id, changed_at desc);
create index member_stage_changes_time_idx on member_stage_changes (kind, changed_at);

-- The recompute job's work table: one row of aggregated facts per member, refilled on every run.
create unlogged table member_metrics (
  account_id bigint primary key,
  contributions integer not null default 0,
  recent_contributions integer not null default 0,
  active_days integer not null default 0,
  recent_active_days integer not null default 0,
  endorsers integer not null default 0,
  accepted_answers integer not null default 0,
  helpful_reviews integer not null default 0,
  ideas_past_milestone integer not null default 0,
  approved_ideas integer not null default 0,
  liked_creations integer not null default 0,
  reputation integer not null default 0,
  counts jsonb not null default '{}',
  parts jsonb not null default '{}'
);
