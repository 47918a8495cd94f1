-- A taken-back contribution (a withdrawn support) retracts its activity by subject and actor. On a popular
-- subject the subject alone matches thousands of activities, which the retraction read through one by one;
-- with the actor in the index it finds the one row. The subject's own look-ups use the same index's prefix.
drop index activities_subject_idx;
create index activities_subject_idx on activities (subject_type, subject_id, actor_id);
