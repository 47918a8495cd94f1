-- Local groups: a description per language ({"en": "…", "fa": "…"}) instead of one text.

alter table event_groups add column descriptions jsonb not null default '{}';
update event_groups set descriptions = jsonb_build_object(
  case when description ~ '[א-ת]' then 'he' when description ~ '[ء-ی]' then 'fa' else 'en' end, description)
where description <> '';
alter table event_groups drop column description;
