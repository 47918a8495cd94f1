-- A member's photo on their profile: the stored file's name under uploads/avatars/<account id>/, or null for the initial.
alter table member_profiles add column avatar text;
