-- Supports in the last seven days, for the trending list: moved with every support, recounted by the
-- recurring sweep as supports age out, and read through an index instead of counted per page view.
alter table ideas add column recent_supports integer not null default 0;
create index ideas_trending_idx on ideas (recent_supports desc, verified_supporters desc, id desc) where state = 'open';

-- Supporting and withdrawing, for a whole batch in one call (see src/modules/ideas/supports.ts).
-- A function rather than a statement sent each time: PostgreSQL plans a function's statements once per
-- connection, and planning this statement cost four times its execution.
-- For each request (in order): inserts the support (a support already there stays as it is) or deletes it,
-- on ideas still open; moves each idea's counters by what actually changed; adds or retracts the activity.
-- Answers one row per request: whether the idea was open, the support's status, whether this request
-- changed it, and the idea's counts after the batch.
create function ideas_apply_supports(
  idea_ids bigint[], member_ids bigint[], adds boolean[], statuses text[],
  would_buys text[], price_bands text[], quantities integer[], ats timestamptz[]
) returns table (idea_id bigint, open boolean, status text, changed boolean, verified integer, pending integer)
language plpgsql as $$
#variable_conflict use_column
begin
  return query
  with input as (
    select * from unnest(idea_ids, member_ids, adds, statuses, would_buys, price_bands, quantities, ats)
      with ordinality as t(idea_id, member_id, add, status, would_buy, price_band, quantity, at, position)
  ),
  -- Locks the ideas in id order first, so batches from several processes never deadlock on them.
  open_ideas as (
    select id, creator_id from ideas where id in (select idea_id from input) and state = 'open' order by id for update
  ),
  added as (
    insert into idea_supports (idea_id, member_id, status, would_buy, price_band, quantity, created_at)
    select i.idea_id, i.member_id, i.status, i.would_buy, i.price_band, i.quantity, i.at
    from input i join open_ideas o on o.id = i.idea_id
    where i.add
    on conflict (idea_id, member_id) do nothing
    returning idea_id, member_id, status
  ),
  removed as (
    delete from idea_supports s
    using input i join open_ideas o on o.id = i.idea_id
    where not i.add and s.idea_id = i.idea_id and s.member_id = i.member_id
    returning s.idea_id, s.member_id, s.status
  ),
  changes as (
    select idea_id, member_id, status, 1 as step from added
    union all
    select idea_id, member_id, status, -1 from removed
  ),
  counted as (
    update ideas
    set verified_supporters = verified_supporters + d.verified, pending_supporters = pending_supporters + d.pending,
      recent_supports = greatest(0, recent_supports + d.verified + d.pending)
    from (
      select idea_id,
        coalesce(sum(step) filter (where status = 'verified'), 0)::int as verified,
        coalesce(sum(step) filter (where status = 'pending'), 0)::int as pending
      from changes group by idea_id
    ) d
    where ideas.id = d.idea_id
    returning ideas.id, ideas.verified_supporters, ideas.pending_supporters
  ),
  activity_added as (
    insert into activities (actor_id, type, subject_type, subject_id, target_id, occurred_at)
    select a.member_id, 'idea.supported', 'idea', a.idea_id, o.creator_id, i.at
    from added a
    join open_ideas o on o.id = a.idea_id
    join input i on i.idea_id = a.idea_id and i.member_id = a.member_id
  ),
  activity_retracted as (
    delete from activities x
    using removed r
    where x.actor_id = r.member_id and x.type = 'idea.supported' and x.subject_type = 'idea' and x.subject_id = r.idea_id
  )
  select
    i.idea_id,
    o.id is not null as open,
    case when i.add then coalesce(a.status, s.status) else null end as status,
    (a.idea_id is not null or r.idea_id is not null) as changed,
    coalesce(c.verified_supporters, d.verified_supporters)::int as verified,
    coalesce(c.pending_supporters, d.pending_supporters)::int as pending
  from input i
  join ideas d on d.id = i.idea_id
  left join open_ideas o on o.id = i.idea_id
  left join added a on a.idea_id = i.idea_id and a.member_id = i.member_id
  left join removed r on r.idea_id = i.idea_id and r.member_id = i.member_id
  left join counted c on c.id = i.idea_id
  left join idea_supports s on s.idea_id = i.idea_id and s.member_id = i.member_id
  order by i.position;
end
$$;
