-- The "newest" idea list reads its page from this index instead of sorting every idea.
create index ideas_published_idx on ideas (published_at desc nulls last, id desc);
