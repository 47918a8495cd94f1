/** Demo texts of the community in English, Persian and Hebrew: pieces the demo step combines. */
import type { Locale } from "../../../../platform/i18n/index.ts";

export const CATEGORIES: Array<{ slug: string; names: Record<Locale, string>; descriptions: Record<Locale, string> }> = [
  {
    slug: "general",
    names: { en: "General", fa: "گفت‌وگوی آزاد", he: "כללי" },
    descriptions: { en: "Anything about our products and the community.", fa: "هر چیزی درباره‌ی محصولات و جامعه.", he: "כל דבר על המוצרים והקהילה." },
  },
  {
    slug: "help",
    names: { en: "Help and tips", fa: "راهنما و ترفندها", he: "עזרה וטיפים" },
    descriptions: { en: "Ask how to get more out of what you own.", fa: "بپرسید چطور از وسایلتان بیشتر استفاده کنید.", he: "שאלו איך להפיק יותר ממה שיש לכם." },
  },
  {
    slug: "feedback",
    names: { en: "Product feedback", fa: "بازخورد محصول", he: "משוב על מוצרים" },
    descriptions: { en: "What works, what does not, and what you would change.", fa: "چه چیزی خوب است، چه چیزی نه، و چه چیزی را تغییر می‌دهید.", he: "מה עובד, מה לא, ומה הייתם משנים." },
  },
  {
    slug: "show-and-tell",
    names: { en: "Show and tell", fa: "ببینید چه ساختم", he: "תראו מה עשיתי" },
    descriptions: { en: "Builds, routes and hacks from members.", fa: "ساخته‌ها، مسیرها و ترفندهای اعضا.", he: "בניות, מסלולים ושיפורים של חברים." },
  },
  {
    slug: "meetups",
    names: { en: "Meetups", fa: "دورهمی‌ها", he: "מפגשים" },
    descriptions: { en: "Plan rides, workshops and get-togethers.", fa: "برنامه‌ریزی سفر، کارگاه و دورهمی.", he: "תכנון רכיבות, סדנאות ומפגשים." },
  },
];

export const TOPIC_TITLES: Record<Locale, string[]> = {
  en: [
    "How do you keep the hinge from squeaking?",
    "Best accessories for a first week",
    "Has anyone tried it in the rain?",
    "Weekend ride along the coast: who is in?",
    "The new colour looks different from the photos",
    "Tips for cleaning without scratching",
    "Which size should I choose for a small kitchen?",
    "My setup after six months of daily use",
    "Battery life dropped after the update",
    "Ideas for a winter edition",
    "Where do you store yours in a flat?",
    "Long-term review after a year",
    "Spare parts: where to order them?",
    "A workshop for beginners next month",
    "Would you pay more for a recycled version?",
  ],
  fa: [
    "چطور صدای لولا را از بین ببرم؟",
    "بهترین لوازم جانبی برای هفته‌ی اول",
    "کسی زیر باران امتحانش کرده؟",
    "سفر آخر هفته کنار ساحل؛ چه کسی می‌آید؟",
    "رنگ جدید با عکس‌ها فرق دارد",
    "ترفندهای تمیزکاری بدون خط افتادن",
    "برای آشپزخانه‌ی کوچک کدام اندازه بهتر است؟",
    "چیدمان من بعد از شش ماه استفاده‌ی روزانه",
    "بعد از به‌روزرسانی عمر باتری کم شد",
    "ایده‌هایی برای نسخه‌ی زمستانی",
    "در آپارتمان کوچک کجا نگهش می‌دارید؟",
    "بررسی بلندمدت بعد از یک سال",
    "قطعات یدکی را از کجا سفارش بدهیم؟",
    "کارگاه مقدماتی ماه آینده در تهران",
    "برای نسخه‌ی بازیافتی پول بیشتری می‌دهید؟",
  ],
  he: [
    "איך מונעים מהציר לחרוק?",
    "האביזרים הכי טובים לשבוע הראשון",
    "מישהו ניסה את זה בגשם?",
    "רכיבת סוף שבוע לאורך החוף: מי מצטרף?",
    "הצבע החדש נראה שונה מהתמונות",
    "טיפים לניקוי בלי שריטות",
    "איזה גודל לבחור למטבח קטן?",
    "הסידור שלי אחרי חצי שנה של שימוש יומי",
    "חיי הסוללה ירדו אחרי העדכון",
    "רעיונות למהדורת חורף",
    "איפה אתם מאחסנים את שלכם בדירה?",
    "סקירה ארוכת טווח אחרי שנה",
    "חלקי חילוף: מאיפה מזמינים?",
    "סדנה למתחילים בחודש הבא בתל אביב",
    "הייתם משלמים יותר על גרסה ממוחזרת?",
  ],
};

export const OPENINGS: Record<Locale, string[]> = {
  en: [
    "I have had mine for a few weeks now and I am mostly happy, but I keep running into this. Has anyone found a fix that lasts?",
    "Curious what everyone else does here. I tried the obvious things from the manual and it helped only for a day or two.",
    "Sharing my experience so far, with a few photos in the gallery. Happy to answer questions about the details.",
    "Thinking about this for a while. I would love to hear from people who use it **every day**, not just on weekends.",
    "Quick question before I order: is it worth waiting for the next batch, or is the current one fine?",
  ],
  fa: [
    "چند هفته است که دارمش و در کل راضی‌ام، ولی مدام به این مشکل برمی‌خورم. کسی راه‌حل ماندگاری پیدا کرده؟",
    "کنجکاوم بقیه چه می‌کنند. کارهای واضح دفترچه‌ی راهنما را امتحان کردم و فقط یکی دو روز جواب داد.",
    "تجربه‌ام را تا اینجا می‌گویم، با چند عکس در گالری. خوشحال می‌شوم به سؤال‌ها درباره‌ی جزئیات جواب بدهم.",
    "مدتی است به این فکر می‌کنم. دوست دارم از کسانی بشنوم که **هر روز** از آن استفاده می‌کنند، نه فقط آخر هفته‌ها.",
    "یک سؤال سریع پیش از سفارش: ارزش دارد منتظر سری بعدی بمانم یا همین سری خوب است؟",
  ],
  he: [
    "יש לי את זה כמה שבועות ואני די מרוצה, אבל אני כל הזמן נתקל בזה. מישהו מצא פתרון שמחזיק?",
    "סקרן מה אחרים עושים כאן. ניסיתי את הדברים הברורים מהמדריך וזה עזר רק ליום או יומיים.",
    "משתף את החוויה שלי עד עכשיו, עם כמה תמונות בגלריה. אשמח לענות על שאלות על הפרטים.",
    "חושב על זה כבר זמן מה. אשמח לשמוע מאנשים שמשתמשים בזה **כל יום**, לא רק בסופי שבוע.",
    "שאלה מהירה לפני שאני מזמין: שווה לחכות לסדרה הבאה, או שהנוכחית בסדר?",
  ],
};

export const REPLIES: Record<Locale, string[]> = {
  en: [
    "Same here. A drop of silicone grease fixed it for me and it has been quiet for months.",
    "I waited for the second batch and I do not regret it: the finish is better.",
    "Count me in! I can bring spare tubes and a pump.",
    "Thanks, this is exactly what I was looking for.",
    "I contacted support and they sent a replacement part within a week.",
    "Agree with the above. Also check the screws after the first month, mine had loosened a bit.",
    "Great photos! What settings did you use?",
    "I would pay a little more for recycled materials, as long as it lasts as long.",
  ],
  fa: [
    "منم همین‌طور. یک قطره گریس سیلیکونی درستش کرد و ماه‌هاست بی‌صداست.",
    "منتظر سری دوم ماندم و پشیمان نیستم؛ کیفیت سطحش بهتر است.",
    "من هستم! تیوب یدکی و تلمبه هم می‌آورم.",
    "ممنون، دقیقاً همین را دنبالش بودم.",
    "با پشتیبانی تماس گرفتم و ظرف یک هفته قطعه‌ی جایگزین فرستادند.",
    "با نظر بالا موافقم. بعد از ماه اول پیچ‌ها را هم بررسی کنید، مال من کمی شل شده بود.",
    "عکس‌های عالی! با چه تنظیماتی گرفتی؟",
    "برای مواد بازیافتی کمی بیشتر می‌پردازم، به شرط اینکه همان‌قدر دوام بیاورد.",
  ],
  he: [
    "גם אצלי. טיפה של גריז סיליקון פתרה את זה, וזה שקט כבר חודשים.",
    "חיכיתי לסדרה השנייה ולא מתחרט: הגימור טוב יותר.",
    "אני בפנים! אביא פנימיות רזרביות ומשאבה.",
    "תודה, זה בדיוק מה שחיפשתי.",
    "פניתי לתמיכה והם שלחו חלק חלופי תוך שבוע.",
    "מסכים עם מה שנכתב למעלה. כדאי גם לבדוק את הברגים אחרי החודש הראשון, אצלי הם התרופפו קצת.",
    "תמונות מעולות! באילו הגדרות צילמת?",
    "הייתי משלם קצת יותר על חומרים ממוחזרים, בתנאי שזה מחזיק אותו זמן.",
  ],
};

export const POLLS: Record<Locale, Array<{ question: string; options: string[] }>> = {
  en: [
    { question: "Which colour should the next edition come in?", options: ["Forest green", "Sand", "Midnight blue"] },
    { question: "How often do you use it?", options: ["Every day", "A few times a week", "Weekends only"] },
  ],
  fa: [
    { question: "نسخه‌ی بعدی چه رنگی باشد؟", options: ["سبز جنگلی", "شنی", "سرمه‌ای"] },
    { question: "هر چند وقت یک‌بار از آن استفاده می‌کنید؟", options: ["هر روز", "چند بار در هفته", "فقط آخر هفته‌ها"] },
  ],
  he: [
    { question: "באיזה צבע צריכה לצאת המהדורה הבאה?", options: ["ירוק יער", "חול", "כחול לילה"] },
    { question: "כמה פעמים אתם משתמשים בזה?", options: ["כל יום", "כמה פעמים בשבוע", "רק בסופי שבוע"] },
  ],
};

/** Review texts by how the reviewer felt: [title, body] pairs. */
export const REVIEWS: Record<Locale, Record<"high" | "mid" | "low", Array<[string, string]>>> = {
  en: {
    high: [
      ["Exactly what I hoped for", "Solid build, thoughtful details, and it still looks new after months of use. I would buy it again."],
      ["Better than the photos", "The materials feel great in the hand. Setting it up took ten minutes and the instructions were clear."],
      ["A gift that was a hit", "Bought it for my father and he uses it every day. Packaging was plastic-free, which I appreciated."],
    ],
    mid: [
      ["Good, with a few quirks", "Works well overall, but the clasp is stiff and the colour is a little darker than shown."],
      ["Nice idea, average finish", "I like the design. A couple of edges were rough out of the box; a bit of sanding fixed it."],
    ],
    low: [
      ["Not for me", "It arrived with a scratch and the replacement took three weeks. The product itself is fine but the experience was not."],
      ["Too small", "Check the dimensions before ordering: it did not fit my shelf and returning it was a hassle."],
    ],
  },
  fa: {
    high: [
      ["همانی که می‌خواستم", "ساخت محکم، جزئیات دقیق، و بعد از چند ماه استفاده هنوز نو به نظر می‌رسد. دوباره هم می‌خرم."],
      ["بهتر از عکس‌ها", "جنسش در دست حس خوبی دارد. نصبش ده دقیقه طول کشید و راهنما واضح بود."],
      ["هدیه‌ای که گل کرد", "برای پدرم خریدم و هر روز استفاده‌اش می‌کند. بسته‌بندی بدون پلاستیک بود که خیلی خوشم آمد."],
    ],
    mid: [
      ["خوب، با چند ایراد کوچک", "در کل خوب کار می‌کند، ولی قفلش سفت است و رنگش کمی تیره‌تر از عکس است."],
      ["ایده‌ی خوب، پرداخت متوسط", "طراحی‌اش را دوست دارم. چند لبه از همان اول زبر بود که با کمی سنباده درست شد."],
    ],
    low: [
      ["به درد من نخورد", "با یک خط‌وخش رسید و تعویضش سه هفته طول کشید. خود محصول بد نیست ولی تجربه‌ی خرید خوب نبود."],
      ["خیلی کوچک است", "پیش از سفارش ابعاد را ببینید؛ در قفسه‌ی من جا نشد و پس دادنش دردسر داشت."],
    ],
  },
  he: {
    high: [
      ["בדיוק מה שקיוויתי", "בנייה מוצקה, פרטים מחושבים, ואחרי חודשים של שימוש זה עדיין נראה חדש. הייתי קונה שוב."],
      ["טוב יותר מהתמונות", "החומרים מרגישים מצוין ביד. ההרכבה לקחה עשר דקות וההוראות היו ברורות."],
      ["מתנה שהצליחה", "קניתי לאבא שלי והוא משתמש בזה כל יום. האריזה הייתה בלי פלסטיק, וזה מאוד מצא חן בעיניי."],
    ],
    mid: [
      ["טוב, עם כמה מוזרויות", "עובד טוב בסך הכול, אבל הסוגר קשיח והצבע קצת כהה יותר מהתמונה."],
      ["רעיון יפה, גימור ממוצע", "אני אוהב את העיצוב. כמה קצוות היו מחוספסים מהקופסה; קצת שיוף סידר את זה."],
    ],
    low: [
      ["לא בשבילי", "הגיע עם שריטה וההחלפה לקחה שלושה שבועות. המוצר עצמו בסדר אבל החוויה לא."],
      ["קטן מדי", "בדקו את המידות לפני ההזמנה: זה לא נכנס למדף שלי וההחזרה הייתה טרחה."],
    ],
  },
};

export const RESPONSES: Record<Locale, string> = {
  en: "Thank you for the honest review. We have passed this on to the product team; please write to support so we can make it right.",
  fa: "از بررسی صادقانه‌تان ممنونیم. این را به تیم محصول رساندیم؛ لطفاً به پشتیبانی پیام بدهید تا جبران کنیم.",
  he: "תודה על הסקירה הכנה. העברנו את זה לצוות המוצר; כתבו בבקשה לתמיכה כדי שנוכל לתקן.",
};

export const CREATIONS: Record<Locale, Array<{ title: string; body: string; tags: string[]; route?: boolean }>> = {
  en: [
    { title: "Coastal loop at sunrise", body: "Sixty kilometres of quiet roads before the traffic wakes up. Two coffee stops marked in the notes.", tags: ["route", "coast", "sunrise"], route: true },
    { title: "Mountain pass, the long way", body: "Tight hairpins on the way up, a long sweeping descent. Take a jacket even in summer.", tags: ["route", "mountains"], route: true },
    { title: "Shelf made from the packaging crate", body: "I kept the crate and turned it into a wall shelf. Sanded, oiled, and two brackets.", tags: ["upcycling", "wood"] },
    { title: "Custom handle wrap", body: "Leather offcuts and waxed thread. Took an evening and feels much better in the rain.", tags: ["leather", "handmade"] },
  ],
  fa: [
    { title: "حلقه‌ی ساحلی در طلوع آفتاب", body: "شصت کیلومتر جاده‌ی آرام پیش از بیدار شدن ترافیک. دو توقف برای قهوه در یادداشت‌ها هست.", tags: ["مسیر", "ساحل", "طلوع"], route: true },
    { title: "گردنه‌ی کوهستانی، از راه طولانی", body: "پیچ‌های تند در سربالایی و سرازیری بلند و نرم. حتی تابستان هم کاپشن ببرید.", tags: ["مسیر", "کوهستان"], route: true },
    { title: "قفسه‌ای از جعبه‌ی بسته‌بندی", body: "جعبه را نگه داشتم و قفسه‌ی دیواری ساختم. سنباده، روغن و دو براکت.", tags: ["بازیافت", "چوب"] },
    { title: "دسته‌پیچ دست‌ساز", body: "تکه‌های چرم و نخ موم‌زده. یک شب وقت گرفت و زیر باران خیلی بهتر است.", tags: ["چرم", "دست‌ساز"] },
  ],
  he: [
    { title: "לולאת חוף בזריחה", body: "שישים קילומטר של כבישים שקטים לפני שהתנועה מתעוררת. שתי עצירות קפה מסומנות בהערות.", tags: ["מסלול", "חוף", "זריחה"], route: true },
    { title: "מעבר הרים, בדרך הארוכה", body: "סיבובי פרסה בעלייה, וירידה ארוכה וזורמת. קחו מעיל גם בקיץ.", tags: ["מסלול", "הרים"], route: true },
    { title: "מדף מארגז האריזה", body: "שמרתי את הארגז והפכתי אותו למדף קיר. שיוף, שמן ושני מתלים.", tags: ["מיחזור", "עץ"] },
    { title: "עטיפת ידית בהתאמה אישית", body: "שאריות עור וחוט משוח בשעווה. לקח ערב אחד ומרגיש הרבה יותר טוב בגשם.", tags: ["עור", "עבודת_יד"] },
  ],
};

/** Starting points of demo routes: [lat, lon] of real places, by language. */
export const ROUTE_STARTS: Record<Locale, Array<[number, number]>> = {
  en: [[50.72, -1.88], [54.45, -3.05], [51.48, -3.18]],
  fa: [[36.66, 51.42], [35.8, 51.45], [32.65, 51.67]],
  he: [[32.08, 34.77], [32.79, 34.99], [31.77, 35.21]],
};
