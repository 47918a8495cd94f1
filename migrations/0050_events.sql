-- Events: member-run events under a licence, official staff events, local groups, RSVPs with a waitlist.

create table event_groups (
  id bigserial primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null,
  city text not null,
  description text not null default '',
  created_at timestamptz not null default now()
);

create table event_group_members (
  group_id bigint not null references event_groups (id) on delete cascade,
  account_id bigint not null references accounts (id) on delete cascade,
  role text not null default 'member' check (role in ('organiser', 'member')),
  joined_at timestamptz not null default now(),
  primary key (group_id, account_id)
);
create index event_group_members_account_idx on event_group_members (account_id);

create table event_licences (
  id bigserial primary key,
  applicant_id bigint not null references accounts (id) on delete cascade,
  -- What the applicant told staff: who they are, where, why, the format and the expected size.
  about text not null,
  city text not null,
  reason text not null,
  format text not null check (format in ('in_person', 'online')),
  expected_attendance integer not null check (expected_attendance > 0),
  status text not null default 'applied' check (status in ('applied', 'approved', 'rejected', 'revoked')),
  -- Set on approval: {"maxAttendees": 100, "maxEvents": 1, "brandRules": "…"}.
  conditions jsonb,
  valid_until timestamptz,
  -- Events created under the licence so far (checked against conditions.maxEvents under the row lock).
  events_used integer not null default 0,
  decided_by bigint references accounts (id) on delete set null,
  decided_at timestamptz,
  decision_reason text not null default '',
  created_at timestamptz not null default now()
);
create index event_licences_status_idx on event_licences (status, created_at);
create index event_licences_applicant_idx on event_licences (applicant_id);

create table events (
  id bigserial primary key,
  kind text not null check (kind in ('official', 'member')),
  licence_id bigint references event_licences (id) on delete restrict,
  organiser_id bigint not null references accounts (id) on delete restrict,
  group_id bigint references event_groups (id) on delete set null,
  -- Title and description per language: {"en": "…", "he": "…"}; at least one.
  title jsonb not null,
  description jsonb not null default '{}',
  language text not null check (language in ('en', 'fa', 'he')),
  format text not null check (format in ('in_person', 'online')),
  venue text not null default '',
  city text not null default '',
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  -- Shown only to members who are going and to the organisers.
  online_url text,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  time_zone text not null,
  capacity integer not null check (capacity > 0),
  -- Questions asked at RSVP: ["Dietary needs?", …].
  questions jsonb not null default '[]',
  going_count integer not null default 0 check (going_count >= 0),
  waitlist_count integer not null default 0 check (waitlist_count >= 0),
  -- The next waitlist position; positions only grow, so the earliest waitlisted member is promoted first.
  next_position integer not null default 1,
  cancelled_at timestamptz,
  cancel_reason text not null default '',
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (kind = 'official' or licence_id is not null)
);
create index events_upcoming_idx on events (starts_at) where cancelled_at is null;
create index events_group_idx on events (group_id, starts_at);
create index events_organiser_idx on events (organiser_id, starts_at);

create table event_co_organisers (
  event_id bigint not null references events (id) on delete cascade,
  account_id bigint not null references accounts (id) on delete cascade,
  primary key (event_id, account_id)
);

create table event_rsvps (
  id bigserial primary key,
  event_id bigint not null references events (id) on delete cascade,
  member_id bigint not null references accounts (id) on delete cascade,
  status text not null check (status in ('going', 'waitlisted', 'cancelled')),
  -- Waitlist order: the position taken when the member joined (or re-joined) the waitlist.
  position integer,
  answers jsonb not null default '[]',
  checked_in_at timestamptz,
  checked_in_by bigint references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (event_id, member_id)
);
create index event_rsvps_waitlist_idx on event_rsvps (event_id, position) where status = 'waitlisted';
create index event_rsvps_member_idx on event_rsvps (member_id);

create table event_feedback (
  event_id bigint not null references events (id) on delete cascade,
  member_id bigint not null references accounts (id) on delete cascade,
  rating smallint not null check (rating between 1 and 5),
  comment text not null default '',
  created_at timestamptz not null default now(),
  primary key (event_id, member_id)
);
