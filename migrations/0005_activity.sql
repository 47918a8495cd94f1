-- Every contribution as an activity: one source of truth for reputation, the fan ladder, the network graph and insight.
create table activities (
  id bigserial primary key,
  actor_id bigint not null references accounts (id) on delete cascade,
  type text not null,
  subject_type text not null,
  subject_id bigint not null,
  -- The member on the receiving end (the idea's creator, the answered asker), for the interaction graph.
  target_id bigint references accounts (id) on delete set null,
  occurred_at timestamptz not null default now()
);
create index activities_actor_idx on activities (actor_id, occurred_at);
create index activities_type_idx on activities (type, occurred_at);
create index activities_subject_idx on activities (subject_type, subject_id);
