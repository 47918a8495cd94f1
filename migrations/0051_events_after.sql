-- Events, after the event: photos by organisers and attendees, and a feedback survey with two short answers.

create table event_photos (
  id bigserial primary key,
  event_id bigint not null references events (id) on delete cascade,
  uploader_id bigint references accounts (id) on delete set null,
  -- The WebP file under uploads/events/<event>/; its thumbnail is <name>.thumb.webp.
  file_name text not null,
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  bytes integer not null check (bytes > 0),
  created_at timestamptz not null default now()
);
create index event_photos_event_idx on event_photos (event_id, id);

-- The survey: a rating, what was best and what to improve.
alter table event_feedback rename column comment to improve;
alter table event_feedback add column best text not null default '';
