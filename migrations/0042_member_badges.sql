-- Badges: earned by a rule over a member's activity counts (awarded by a recurring job) or awarded by
-- staff; each held badge once per member. A set of default badges the community team can edit.

create table badges (
  id bigserial primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
  -- Name and description per language: {"en": "…", "fa": "…", "he": "…"}.
  names jsonb not null,
  descriptions jsonb not null,
  icon text not null check (icon in ('star', 'heart', 'lightbulb', 'trophy', 'chat', 'calendar', 'compass', 'hammer')),
  kind text not null check (kind in ('rule', 'manual')),
  -- A rule badge's conditions, all of which must hold: {"all": [{"measure": "answer.accepted", "atLeast": 10}]}.
  rule jsonb,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'rule') = (rule is not null))
);

create table member_badges (
  account_id bigint not null references accounts (id) on delete cascade,
  badge_id bigint not null references badges (id) on delete cascade,
  awarded_at timestamptz not null default now(),
  -- Who awarded a manual badge and why; null for a rule award.
  awarded_by bigint references accounts (id),
  reason text not null default '',
  primary key (account_id, badge_id)
);
-- Holders per badge, newest first (badge pages, counts).
create index member_badges_badge_idx on member_badges (badge_id, awarded_at desc);

insert into badges (slug, names, descriptions, icon, kind, rule, position) values
  ('first-step',
   '{"en": "First step", "fa": "گام نخست", "he": "צעד ראשון"}',
   '{"en": "Made a first contribution to the community.", "fa": "نخستین مشارکت خود را در انجمن انجام داد.", "he": "תרם/ה לקהילה בפעם הראשונה."}',
   'star', 'rule', '{"all": [{"measure": "contributions", "atLeast": 1}]}', 10),
  ('helper',
   '{"en": "Helper", "fa": "یاری‌رسان", "he": "עוזר/ת"}',
   '{"en": "Ten answers accepted by the members who asked.", "fa": "ده پاسخ که پرسندگان آن‌ها را پذیرفتند.", "he": "עשר תשובות שהשואלים קיבלו."}',
   'chat', 'rule', '{"all": [{"measure": "answer.accepted", "atLeast": 10}]}', 20),
  ('milestone-maker',
   '{"en": "Milestone maker", "fa": "سازندهٔ نقطهٔ عطف", "he": "יוצר/ת אבני דרך"}',
   '{"en": "An idea of theirs reached a support milestone.", "fa": "یکی از ایده‌هایش به یک نقطهٔ عطف حمایت رسید.", "he": "רעיון שלו/ה הגיע לאבן דרך של תמיכה."}',
   'lightbulb', 'rule', '{"all": [{"measure": "idea.milestone", "atLeast": 1}]}', 30),
  ('regular',
   '{"en": "Regular", "fa": "همیشه حاضر", "he": "קבוע/ה"}',
   '{"en": "Active on a hundred different days.", "fa": "در صد روز مختلف فعال بوده است.", "he": "פעיל/ה במאה ימים שונים."}',
   'calendar', 'rule', '{"all": [{"measure": "activeDays", "atLeast": 100}]}', 40),
  ('reviewer',
   '{"en": "Reviewer", "fa": "نقدنویس", "he": "סוקר/ת"}',
   '{"en": "Wrote five product reviews.", "fa": "پنج نقد محصول نوشته است.", "he": "כתב/ה חמש ביקורות מוצר."}',
   'compass', 'rule', '{"all": [{"measure": "review.written", "atLeast": 5}]}', 50),
  ('maker',
   '{"en": "Maker", "fa": "سازنده", "he": "יוצר/ת"}',
   '{"en": "Shared three creations with the community.", "fa": "سه ساخته را با انجمن به اشتراک گذاشته است.", "he": "שיתף/ה שלוש יצירות עם הקהילה."}',
   'hammer', 'rule', '{"all": [{"measure": "creation.shared", "atLeast": 3}]}', 60),
  ('community-hero',
   '{"en": "Community hero", "fa": "قهرمان انجمن", "he": "גיבור/ת הקהילה"}',
   '{"en": "Awarded by the community team for going far beyond.", "fa": "از سوی تیم انجمن برای کاری بسیار فراتر از انتظار اهدا شد.", "he": "הוענק על ידי צוות הקהילה על מאמץ יוצא דופן."}',
   'trophy', 'manual', null, 70),
  ('event-host',
   '{"en": "Event host", "fa": "میزبان رویداد", "he": "מארח/ת אירוע"}',
   '{"en": "Hosted a community event.", "fa": "میزبان یک رویداد انجمن بوده است.", "he": "אירח/ה אירוע קהילתי."}',
   'heart', 'manual', null, 80);
