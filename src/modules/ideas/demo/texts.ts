/** Demo idea texts in English, Persian and Hebrew: product concepts, features that vary them, comments. */
import type { Locale } from "../../../platform/i18n/index.ts";

export interface Concept {
  category: string;
  title: Record<Locale, string>;
  body: Record<Locale, string>;
}

export const CATEGORIES: Array<{ slug: string; names: Record<Locale, string> }> = [
  { slug: "home", names: { en: "Home & living", fa: "خانه و زندگی", he: "בית ומגורים" } },
  { slug: "outdoors", names: { en: "Outdoors", fa: "طبیعت‌گردی", he: "טבע ושטח" } },
  { slug: "kitchen", names: { en: "Kitchen", fa: "آشپزخانه", he: "מטבח" } },
  { slug: "kids", names: { en: "Kids & learning", fa: "کودکان و یادگیری", he: "ילדים ולמידה" } },
  { slug: "tech", names: { en: "Tech accessories", fa: "لوازم جانبی فناوری", he: "אביזרי טכנולוגיה" } },
  { slug: "travel", names: { en: "Bikes & travel", fa: "دوچرخه و سفر", he: "אופניים וטיולים" } },
];

export const STATUSES: Array<{ slug: string; names: Record<Locale, string>; tone: "info" | "success" | "warning" }> = [
  { slug: "under-consideration", names: { en: "Under consideration", fa: "در حال بررسی", he: "בשקילה" }, tone: "info" },
  { slug: "planned", names: { en: "Planned", fa: "برنامه‌ریزی‌شده", he: "מתוכנן" }, tone: "success" },
  { slug: "needs-details", names: { en: "Needs details", fa: "نیازمند جزئیات", he: "דרושים פרטים" }, tone: "warning" },
];

export const CONCEPTS: Concept[] = [
  { category: "home", title: { en: "Modular wall shelf", fa: "قفسهٔ دیواری ماژولار", he: "מדף קיר מודולרי" }, body: { en: "Shelves that click together in any shape, so a small flat can grow its storage over time.", fa: "قفسه‌هایی که به هر شکلی به هم وصل می‌شوند تا خانه‌های کوچک کم‌کم جای بیشتری داشته باشند.", he: "מדפים שמתחברים זה לזה בכל צורה, כך שדירה קטנה יכולה להגדיל את האחסון שלה עם הזמן." } },
  { category: "home", title: { en: "Sunrise reading lamp", fa: "چراغ مطالعهٔ طلوع", he: "מנורת קריאה זריחה" }, body: { en: "A lamp that warms up slowly in the morning and turns amber at night for reading in bed.", fa: "چراغی که صبح‌ها آرام روشن می‌شود و شب‌ها برای مطالعه در تخت کهربایی می‌شود.", he: "מנורה שמתחממת לאט בבוקר והופכת לענברית בלילה לקריאה במיטה." } },
  { category: "home", title: { en: "Quiet desk fan", fa: "پنکهٔ رومیزی بی‌صدا", he: "מאוורר שולחני שקט" }, body: { en: "A fan you cannot hear during a video call, with a battery that lasts a working day.", fa: "پنکه‌ای که هنگام تماس تصویری صدایش شنیده نمی‌شود و باتری‌اش یک روز کاری دوام می‌آورد.", he: "מאוורר שלא שומעים בשיחת וידאו, עם סוללה שמחזיקה יום עבודה שלם." } },
  { category: "home", title: { en: "Plant watering reminder", fa: "یادآور آبیاری گیاهان", he: "תזכורת להשקיית צמחים" }, body: { en: "A small sensor in the pot that glows when the soil is dry, no app needed.", fa: "حسگری کوچک در گلدان که وقتی خاک خشک است روشن می‌شود؛ بدون نیاز به برنامه.", he: "חיישן קטן בעציץ שנדלק כשהאדמה יבשה, בלי צורך באפליקציה." } },
  { category: "home", title: { en: "Fold-away guest bed", fa: "تخت مهمان تاشو", he: "מיטת אורחים מתקפלת" }, body: { en: "A bed that folds into a bench and is comfortable enough for a week-long visit.", fa: "تختی که به نیمکت تبدیل می‌شود و برای یک هفته مهمانی هم راحت است.", he: "מיטה שמתקפלת לספסל ונוחה מספיק לביקור של שבוע." } },
  { category: "outdoors", title: { en: "Ultralight camping stool", fa: "چهارپایهٔ سبک کوهنوردی", he: "שרפרף קמפינג קל במיוחד" }, body: { en: "A stool under 400 grams that packs to the size of a water bottle.", fa: "چهارپایه‌ای زیر ۴۰۰ گرم که به اندازهٔ یک بطری آب جمع می‌شود.", he: "שרפרף של פחות מ-400 גרם שמתקפל לגודל של בקבוק מים." } },
  { category: "outdoors", title: { en: "Solar lantern with phone charger", fa: "فانوس خورشیدی با شارژر تلفن", he: "פנס סולארי עם מטען לטלפון" }, body: { en: "Charges all day in the sun, lights the tent all night, and tops up a phone in an emergency.", fa: "تمام روز با خورشید شارژ می‌شود، شب چادر را روشن می‌کند و در مواقع اضطراری تلفن را شارژ می‌کند.", he: "נטען כל היום בשמש, מאיר את האוהל כל הלילה וטוען טלפון בשעת חירום." } },
  { category: "outdoors", title: { en: "Rain-proof trail map case", fa: "کیف ضدآب نقشهٔ مسیر", he: "נרתיק מפות עמיד לגשם" }, body: { en: "A clear case that clips to a backpack strap so the map stays readable in a storm.", fa: "کیفی شفاف که به بند کوله وصل می‌شود تا نقشه در طوفان هم خوانا بماند.", he: "נרתיק שקוף שנתפס ברצועת התיק כדי שהמפה תישאר קריאה גם בסערה." } },
  { category: "outdoors", title: { en: "Hammock with bug net", fa: "ننو با پشه‌بند", he: "ערסל עם כילה" }, body: { en: "A hammock whose net zips away into the ridge line when there are no mosquitoes.", fa: "ننویی که پشه‌بندش وقتی پشه نیست در طناب بالایی جمع می‌شود.", he: "ערסל שהכילה שלו נרכסת אל החבל העליון כשאין יתושים." } },
  { category: "outdoors", title: { en: "Family picnic backpack", fa: "کولهٔ پیک‌نیک خانوادگی", he: "תרמיל פיקניק משפחתי" }, body: { en: "Plates, cups and a cool compartment for four, all in one backpack.", fa: "بشقاب، لیوان و محفظهٔ خنک برای چهار نفر، همه در یک کوله.", he: "צלחות, כוסות ותא קירור לארבעה, הכול בתרמיל אחד." } },
  { category: "kitchen", title: { en: "Stackable spice jars", fa: "ظرف‌های ادویهٔ روی‌هم‌چیدنی", he: "צנצנות תבלינים נערמות" }, body: { en: "Jars that stack and show their label from above, so the drawer stays tidy.", fa: "ظرف‌هایی که روی هم چیده می‌شوند و برچسبشان از بالا پیداست تا کشو مرتب بماند.", he: "צנצנות שנערמות ומציגות את התווית מלמעלה, כך שהמגירה נשארת מסודרת." } },
  { category: "kitchen", title: { en: "Saffron brewing kit", fa: "کیت دم‌کردن زعفران", he: "ערכת חליטת זעפרן" }, body: { en: "A small mortar, a warm-water vial and a guide, for the perfect saffron every time.", fa: "هاون کوچک، شیشهٔ آب گرم و راهنما برای زعفرانی که همیشه خوب دم بکشد.", he: "מכתש קטן, בקבוקון למים חמים ומדריך, לזעפרן מושלם בכל פעם." } },
  { category: "kitchen", title: { en: "Bread proofing box", fa: "جعبهٔ ورآمدن خمیر نان", he: "קופסת התפחה ללחם" }, body: { en: "Keeps dough at the right warmth and humidity, even in a cold winter kitchen.", fa: "خمیر را حتی در آشپزخانهٔ سرد زمستان در دما و رطوبت مناسب نگه می‌دارد.", he: "שומרת על הבצק בחום ובלחות הנכונים, גם במטבח קר בחורף." } },
  { category: "kitchen", title: { en: "Rice cooker with tahdig mode", fa: "پلوپز با حالت ته‌دیگ", he: "סיר אורז עם מצב תחדיג" }, body: { en: "A rice cooker that makes a golden crust at the bottom without burning it.", fa: "پلوپزی که ته‌دیگ طلایی درست می‌کند بی‌آنکه بسوزد.", he: "סיר אורז שמכין קרום זהוב בתחתית בלי לשרוף אותו." } },
  { category: "kitchen", title: { en: "Compost bin for balconies", fa: "سطل کمپوست برای بالکن", he: "פח קומפוסט למרפסת" }, body: { en: "A sealed bin that turns kitchen scraps into soil without any smell.", fa: "سطلی دربسته که پسماند آشپزخانه را بدون بو به خاک تبدیل می‌کند.", he: "פח אטום שהופך שאריות מטבח לאדמה בלי שום ריח." } },
  { category: "kids", title: { en: "Build-your-own robot kit", fa: "کیت ساخت ربات", he: "ערכת בנה-לך-רובוט" }, body: { en: "A robot kit that children assemble and program with picture cards, no screen needed.", fa: "کیت رباتی که کودکان با کارت‌های تصویری می‌سازند و برنامه‌ریزی می‌کنند، بدون صفحه‌نمایش.", he: "ערכת רובוט שילדים מרכיבים ומתכנתים בעזרת כרטיסי תמונות, בלי מסך." } },
  { category: "kids", title: { en: "Bilingual story cubes", fa: "مکعب‌های قصهٔ دوزبانه", he: "קוביות סיפור דו-לשוניות" }, body: { en: "Dice with pictures and words in two languages, for bedtime stories families invent together.", fa: "تاس‌هایی با تصویر و کلمه به دو زبان برای قصه‌هایی که خانواده‌ها با هم می‌سازند.", he: "קוביות עם תמונות ומילים בשתי שפות, לסיפורי לילה טוב שמשפחות ממציאות יחד." } },
  { category: "kids", title: { en: "Marble run with city pieces", fa: "مسیر تیله با قطعه‌های شهری", he: "מסלול גולות עם חלקי עיר" }, body: { en: "Bridges, towers and tunnels from famous cities to build marble runs.", fa: "پل‌ها، برج‌ها و تونل‌هایی از شهرهای معروف برای ساختن مسیر تیله.", he: "גשרים, מגדלים ומנהרות מערים מפורסמות לבניית מסלולי גולות." } },
  { category: "kids", title: { en: "Night sky projector", fa: "پروژکتور آسمان شب", he: "מקרן שמי לילה" }, body: { en: "Projects the real constellations of tonight's sky where you live, with their names.", fa: "صورت‌های فلکی واقعی آسمان امشب محل زندگی‌تان را با نامشان روی سقف می‌اندازد.", he: "מקרין את קבוצות הכוכבים האמיתיות של שמי הלילה במקום מגוריכם, עם שמותיהן." } },
  { category: "kids", title: { en: "Garden explorer set", fa: "مجموعهٔ کاوشگر باغ", he: "ערכת חוקר הגינה" }, body: { en: "A magnifier, a bug house and a field guide for young naturalists.", fa: "ذره‌بین، خانهٔ حشره و راهنمای میدانی برای طبیعت‌شناسان کوچک.", he: "זכוכית מגדלת, בית לחרקים ומדריך שטח לחוקרי טבע צעירים." } },
  { category: "tech", title: { en: "Keyboard with Persian and Hebrew keycaps", fa: "صفحه‌کلید با حروف فارسی و عبری", he: "מקלדת עם מקשים בפרסית ובעברית" }, body: { en: "A mechanical keyboard whose keycaps show Latin, Persian and Hebrew letters clearly.", fa: "صفحه‌کلید مکانیکی که حروف لاتین، فارسی و عبری را روشن نشان می‌دهد.", he: "מקלדת מכנית שהמקשים שלה מציגים בבירור אותיות לטיניות, פרסיות ועבריות." } },
  { category: "tech", title: { en: "Cable organiser pouch", fa: "کیف نظم‌دهندهٔ کابل", he: "נרתיק לסידור כבלים" }, body: { en: "A pouch with elastic loops for every cable and charger you travel with.", fa: "کیفی با حلقه‌های کشی برای هر کابل و شارژری که در سفر همراه دارید.", he: "נרתיק עם לולאות גומי לכל כבל ומטען שאתם לוקחים לטיול." } },
  { category: "tech", title: { en: "Repairable headphones", fa: "هدفون تعمیرپذیر", he: "אוזניות שאפשר לתקן" }, body: { en: "Headphones whose battery, pads and cable can be replaced with a coin.", fa: "هدفونی که باتری، بالشتک و کابلش را می‌شود با یک سکه عوض کرد.", he: "אוזניות שאת הסוללה, הכריות והכבל שלהן אפשר להחליף בעזרת מטבע." } },
  { category: "tech", title: { en: "E-ink family calendar", fa: "تقویم خانوادگی جوهر الکترونیکی", he: "לוח שנה משפחתי בדיו אלקטרונית" }, body: { en: "A wall calendar that shows everyone's plans and supports the Persian and Hebrew calendars.", fa: "تقویم دیواری که برنامهٔ همه را نشان می‌دهد و تقویم شمسی و عبری را هم دارد.", he: "לוח שנה לקיר שמציג את התוכניות של כולם ותומך גם בלוח הפרסי והעברי." } },
  { category: "tech", title: { en: "Laptop stand that folds flat", fa: "پایهٔ لپ‌تاپ تخت‌شو", he: "מעמד למחשב נייד שמתקפל שטוח" }, body: { en: "A stand that raises the screen to eye level and folds as thin as a notebook.", fa: "پایه‌ای که صفحه را هم‌تراز چشم بالا می‌برد و به نازکی یک دفتر جمع می‌شود.", he: "מעמד שמרים את המסך לגובה העיניים ומתקפל דק כמו מחברת." } },
  { category: "travel", title: { en: "Bike pannier that becomes a backpack", fa: "خورجین دوچرخه که کوله می‌شود", he: "תיק אופניים שהופך לתרמיל" }, body: { en: "Clip it to the rack to ride, pull out the straps to walk into the office.", fa: "برای رکاب زدن به ترک‌بند وصلش کنید و برای رفتن به دفتر بندهایش را بیرون بکشید.", he: "מחברים לסבל לרכיבה, ושולפים רצועות כדי להיכנס למשרד." } },
  { category: "travel", title: { en: "Route-sharing bike computer", fa: "کامپیوتر دوچرخه با اشتراک مسیر", he: "מחשב אופניים לשיתוף מסלולים" }, body: { en: "A simple bike computer that shares your favourite routes with the club.", fa: "کامپیوتر دوچرخهٔ ساده‌ای که مسیرهای محبوب شما را با باشگاه به اشتراک می‌گذارد.", he: "מחשב אופניים פשוט שמשתף את המסלולים האהובים עליכם עם המועדון." } },
  { category: "travel", title: { en: "Carry-on with a laundry compartment", fa: "چمدان کابین با جای لباس چرک", he: "מזוודת עלייה למטוס עם תא לכביסה" }, body: { en: "A cabin bag with a sealed section that keeps worn clothes away from clean ones.", fa: "چمدان کابینی با بخشی دربسته که لباس‌های پوشیده را از تمیزها جدا نگه می‌دارد.", he: "תיק עלייה למטוס עם תא אטום שמפריד בין בגדים משומשים לנקיים." } },
  { category: "travel", title: { en: "Child seat for cargo bikes", fa: "صندلی کودک برای دوچرخهٔ باری", he: "מושב ילד לאופני משא" }, body: { en: "A seat with a rain cover that fits the most common cargo bikes.", fa: "صندلی با روکش باران که روی رایج‌ترین دوچرخه‌های باری جا می‌شود.", he: "מושב עם כיסוי גשם שמתאים לאופני המשא הנפוצים ביותר." } },
  { category: "travel", title: { en: "Travel adapter with USB-C", fa: "مبدل سفری با USB-C", he: "מתאם נסיעות עם USB-C" }, body: { en: "One small adapter for every country's sockets, with two fast USB-C ports.", fa: "یک مبدل کوچک برای پریزهای همهٔ کشورها با دو درگاه سریع USB-C.", he: "מתאם קטן אחד לשקעים של כל מדינה, עם שתי יציאות USB-C מהירות." } },
];

/** Phrases that vary a concept, so two ideas on one concept read as different proposals. */
export const VARIANTS: Record<Locale, string[]> = {
  en: ["made from recycled plastic", "in three sizes", "for small flats", "with a lifetime repair plan", "in a gift box", "for left-handed people", "that kids can assemble", "with replaceable parts", "in desert colours", "with a carrying strap"],
  fa: ["از پلاستیک بازیافتی", "در سه اندازه", "برای خانه‌های کوچک", "با تعمیر مادام‌العمر", "در جعبهٔ هدیه", "برای چپ‌دست‌ها", "که کودکان بتوانند سرهم کنند", "با قطعه‌های تعویض‌پذیر", "در رنگ‌های کویری", "با بند حمل"],
  he: ["מפלסטיק ממוחזר", "בשלושה גדלים", "לדירות קטנות", "עם תוכנית תיקונים לכל החיים", "באריזת מתנה", "לשמאליים", "שילדים יכולים להרכיב", "עם חלקים להחלפה", "בצבעי מדבר", "עם רצועת נשיאה"],
};

/** The word that joins a concept and a variant in each language. */
export const JOINER: Record<Locale, string> = { en: ", ", fa: "، ", he: ", " };

export const COMMENTS: Record<Locale, string[]> = {
  en: ["I would buy this tomorrow.", "Could it come in a smaller size?", "Supported! My whole club wants one.", "How heavy would it be?", "Great idea — please keep the price reasonable.", "I made a prototype of this last year, happy to share photos."],
  fa: ["همین فردا می‌خرمش.", "می‌شود اندازهٔ کوچک‌ترش هم باشد؟", "حمایت کردم! همهٔ باشگاه ما یکی می‌خواهند.", "وزنش چقدر می‌شود؟", "ایدهٔ عالی — لطفاً قیمتش معقول بماند.", "پارسال نمونه‌ای از این ساختم، عکس‌هایش را با کمال میل می‌فرستم."],
  he: ["הייתי קונה את זה מחר.", "אפשר גם בגודל קטן יותר?", "תמכתי! כל המועדון שלי רוצה אחד.", "כמה זה ישקול?", "רעיון מצוין — בבקשה לשמור על מחיר סביר.", "בניתי אב-טיפוס של זה בשנה שעברה, אשמח לשתף תמונות."],
};

export const UPDATES: Record<Locale, Array<{ title: string; body: string }>> = {
  en: [{ title: "Thank you for the first 10!", body: "I did not expect so much support so soon. Next week I will post sketches of the second version." }],
  fa: [{ title: "ممنون برای ده حمایت اول!", body: "انتظار این همه حمایت را به این زودی نداشتم. هفتهٔ بعد طرح‌های نسخهٔ دوم را می‌گذارم." }],
  he: [{ title: "תודה על עשרת התומכים הראשונים!", body: "לא ציפיתי לכל כך הרבה תמיכה כל כך מהר. בשבוע הבא אעלה סקיצות של הגרסה השנייה." }],
};
