-- Support counters are moved by every batch of supports. An update that changes no indexed column is a
-- heap-only (HOT) update: no index is touched, where before every update of an idea wrote a new entry into
-- each of its indexes (its trigram index alone took tens of microseconds). So no index holds the live counts:
-- the trending index holds `recent_supports`, which the trending refresh recounts each minute for the ideas
-- whose supports changed (`supports_changed_at`) instead of every support moving it; and the idea rows keep
-- room on their page for the new versions.
alter table ideas add column supports_changed_at timestamptz;
alter table ideas set (fillfactor = 85);
drop index ideas_trending_idx;
create index ideas_trending_idx on ideas (recent_supports desc, id desc) where state = 'open';

-- As migration 0013, without moving `recent_supports` and stamping `supports_changed_at` instead.
create or replace function ideas_apply_supports(
  idea_ids bigint[], member_ids bigint[], adds boolean[], statuses text[],
  would_buys text[], price_bands text[], quantities integer[], ats timestamptz[]
) returns table (idea_id bigint, open boolean, status text, changed boolean, verified integer, pending integer)
language plpgsql
-- A generic plan, made once per connection: left to choose, PostgreSQL planned small batches afresh on
-- every call, and planning this statement costs several times executing it.
set plan_cache_mode = force_generic_plan
as $$
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
      supports_changed_at = (select max(at) from input)
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
