-- Trust levels take effect at once and gate abilities.

-- The prompt re-score after an activity reads the activities that endorse a member (as their target).
create index activities_target_idx on activities (target_id) where target_id is not null;

-- Staff mark a topic's opening post as a wiki; members at the trust level for it may then edit it.
alter table topics add column wiki_at timestamptz;
