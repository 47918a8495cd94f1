/**
 * The vocabulary of the demo's questions and answers, per language: tasks, problems and fixes of people who
 * cook with an electric pressure cooker and its siblings. Templates put them together; each language has
 * its own grammar, so nothing is translated word by word.
 */
import type { Locale } from "../../../../platform/i18n/index.ts";

export const DEMO_TAGS: Array<{ slug: string; names: Record<Locale, string> }> = [
  { slug: "cleaning", names: { en: "Cleaning", fa: "تمیزکاری", he: "ניקוי" } },
  { slug: "rice", names: { en: "Rice and grains", fa: "برنج و غلات", he: "אורז ודגנים" } },
  { slug: "baking", names: { en: "Baking", fa: "پخت کیک و نان", he: "אפייה" } },
  { slug: "dairy", names: { en: "Yogurt and dairy", fa: "ماست و لبنیات", he: "יוגורט ומוצרי חלב" } },
  { slug: "beans", names: { en: "Beans and pulses", fa: "حبوبات", he: "קטניות" } },
  { slug: "meat", names: { en: "Meat and poultry", fa: "گوشت و مرغ", he: "בשר ועוף" } },
  { slug: "troubleshooting", names: { en: "Troubleshooting", fa: "رفع اشکال", he: "פתרון תקלות" } },
  { slug: "safety", names: { en: "Safety", fa: "ایمنی", he: "בטיחות" } },
  { slug: "accessories", names: { en: "Accessories", fa: "لوازم جانبی", he: "אביזרים" } },
  { slug: "recipes", names: { en: "Recipes", fa: "دستور پخت", he: "מתכונים" } },
];

export interface Vocabulary {
  products: string[];
  /** A task, with the tag it belongs to. */
  tasks: Array<[string, string]>;
  problems: Array<[string, string]>;
  periods: string[];
  askTask: Array<(task: string, product: string) => string>;
  askProblem: Array<(problem: string, product: string, period: string) => string>;
  bodies: Array<(product: string, period: string) => string>;
  answers: string[];
  closings: string[];
  comments: string[];
}

export const VOCABULARY: Record<Locale, Vocabulary> = {
  en: {
    products: ["pressure cooker", "multicooker", "6-litre pot", "8-litre pot", "air fryer lid"],
    tasks: [
      ["cook brown rice", "rice"],
      ["make yogurt", "dairy"],
      ["descale the inner pot", "cleaning"],
      ["cook frozen chicken thighs", "meat"],
      ["bake a cheesecake", "baking"],
      ["cook chickpeas without soaking", "beans"],
      ["make bone broth", "recipes"],
      ["steam vegetables and rice at the same time", "accessories"],
      ["proof bread dough", "baking"],
      ["get rid of the curry smell in the sealing ring", "cleaning"],
      ["cook risotto without stirring", "rice"],
      ["make a beef stew that is not watery", "meat"],
    ],
    problems: [
      ["show a burn warning", "troubleshooting"],
      ["leak steam around the lid", "troubleshooting"],
      ["take forty minutes to come to pressure", "troubleshooting"],
      ["beep three times and stop", "troubleshooting"],
      ["lose its seal", "safety"],
      ["spit liquid from the float valve", "safety"],
    ],
    periods: ["a month", "two weeks", "a year", "three months", "six months"],
    askTask: [(task, product) => `How do I ${task} in the ${product}?`, (task, product) => `Can I ${task} with the ${product}?`, (task) => `What is the best setting to ${task}?`],
    askProblem: [(problem, product) => `Why does my ${product} ${problem}?`, (problem, product, period) => `My ${product} started to ${problem} after ${period}. Is this normal?`],
    bodies: [
      (product, period) => `I have had my ${product} for ${period} and mostly use it on weekdays. I followed the booklet, but the result is not what I expected. Any tips from people who have done this before?`,
      (product) => `This is my first ${product} and I do not want to ruin dinner again. What time, pressure and amount of water do you use?`,
      (product, period) => `Since ${period} this keeps happening with my ${product}. I cleaned the lid and checked the ring. What else should I look at?`,
    ],
    answers: [
      "Take the sealing ring out and soak it in warm water with a spoon of baking soda, then let it dry in the sun. That worked for me.",
      "Add a little more liquid: the pot needs at least one cup to build pressure, and thick sauces should go on top, not at the bottom.",
      "Clean the steam release valve and make sure the float moves freely; a grain of rice stuck there causes exactly this.",
      "Use manual mode on high pressure for 22 minutes, then let the pressure release naturally for 10 minutes.",
      "Deglaze the pot after sautéing. The burn warning almost always comes from bits stuck to the bottom.",
      "Put a trivet in, pour a cup of water under it and cook in a separate bowl. No more burnt bottoms.",
      "Check that the ring sits evenly all round the lid; if it is stretched, a new one costs very little and fixes it.",
      "For yogurt, boil the milk first, cool it to 43 °C, stir in the starter and run the yogurt program for 8 hours.",
    ],
    closings: ["", " Good luck!", " Let us know how it goes.", " Hope this helps."],
    comments: ["Thanks, I will try this tonight.", "Same problem here, following.", "This worked, thank you!", "Does this also apply to the 8-litre model?", "Great tip about the trivet."],
  },
  fa: {
    products: ["زودپز برقی", "پلوپز", "سرخ‌کن بدون روغن", "قابلمهٔ شش‌لیتری", "مولتی‌کوکر"],
    tasks: [
      ["برنج قهوه‌ای بپزم", "rice"],
      ["ماست درست کنم", "dairy"],
      ["قابلمهٔ داخلی را جرم‌گیری کنم", "cleaning"],
      ["مرغ یخ‌زده بپزم", "meat"],
      ["کیک پنیر بپزم", "baking"],
      ["نخود را بدون خیساندن بپزم", "beans"],
      ["آبگوشت درست کنم", "recipes"],
      ["سبزیجات را بخارپز کنم", "accessories"],
      ["خمیر نان را ور بیاورم", "baking"],
      ["ته‌دیگ درست کنم", "rice"],
      ["بوی قورمه‌سبزی را از واشر ببرم", "cleaning"],
      ["خورش قیمه بپزم که آبکی نشود", "meat"],
    ],
    problems: [
      ["هشدار سوختن می‌دهد", "troubleshooting"],
      ["از کنار درب بخار پس می‌دهد", "troubleshooting"],
      ["خیلی دیر به فشار می‌رسد", "troubleshooting"],
      ["سه بار بوق می‌زند و خاموش می‌شود", "troubleshooting"],
      ["دیگر آب‌بندی نمی‌کند", "safety"],
      ["از شیر بخار آب بیرون می‌زند", "safety"],
    ],
    periods: ["یک ماه", "دو هفته", "یک سال", "سه ماه", "شش ماه"],
    askTask: [(task, product) => `چطور با ${product} ${task}؟`, (task, product) => `آیا می‌توانم با ${product} ${task}؟`, (task) => `بهترین تنظیم برای اینکه ${task} چیست؟`],
    askProblem: [(problem, product) => `چرا ${product} من ${problem}؟`, (problem, product, period) => `${product} من بعد از ${period} ${problem}. این طبیعی است؟`],
    bodies: [
      (product, period) => `${period} است که ${product} دارم و بیشتر روزهای کاری از آن استفاده می‌کنم. طبق دفترچه عمل کردم ولی نتیجه آن چیزی نشد که انتظار داشتم. کسی تجربه‌ای دارد؟`,
      (product) => `این اولین ${product} من است و نمی‌خواهم دوباره شام را خراب کنم. شما چه زمانی، چه فشاری و چقدر آب می‌گذارید؟`,
      (product, period) => `از ${period} پیش این مشکل با ${product} من تکرار می‌شود. درب را تمیز کردم و واشر را هم نگاه کردم. دیگر چه چیزی را باید بررسی کنم؟`,
    ],
    answers: [
      "واشر لاستیکی را دربیاورید و در آب گرم با یک قاشق جوش شیرین بخوابانید، بعد بگذارید در آفتاب خشک شود. برای من جواب داد.",
      "کمی مایع بیشتر بریزید: دست‌کم یک پیمانه آب لازم است تا فشار بالا برود، و سس‌های غلیظ را روی مواد بریزید نه ته قابلمه.",
      "شیر بخار را تمیز کنید و مطمئن شوید شناور آزادانه بالا و پایین می‌رود؛ یک دانه برنج همین مشکل را درست می‌کند.",
      "برنامهٔ دستی را روی فشار بالا و ۲۲ دقیقه بگذارید و بعد ده دقیقه صبر کنید تا فشار خودش آزاد شود.",
      "بعد از تفت دادن، ته قابلمه را با کمی آب بتراشید. هشدار سوختن تقریباً همیشه از همان تکه‌های چسبیده است.",
      "یک پایهٔ فلزی بگذارید، یک پیمانه آب زیرش بریزید و غذا را در ظرف جدا بپزید. دیگر ته نمی‌گیرد.",
      "ببینید واشر دور تا دور درب یکنواخت نشسته باشد؛ اگر گشاد شده، واشر نو ارزان است و مشکل را حل می‌کند.",
      "برای ماست، شیر را اول بجوشانید، تا ۴۳ درجه خنک کنید، مایه را هم بزنید و برنامهٔ ماست را هشت ساعت بگذارید.",
    ],
    closings: ["", " موفق باشید!", " خبرش را بدهید.", " امیدوارم به کارتان بیاید."],
    comments: ["ممنون، امشب امتحان می‌کنم.", "من هم همین مشکل را دارم.", "جواب داد، خیلی ممنون!", "برای مدل هشت‌لیتری هم همین‌طور است؟", "نکتهٔ پایهٔ فلزی عالی بود."],
  },
  he: {
    products: ["סיר הלחץ", "סיר הבישול החשמלי", "מטגן האוויר", "סיר האורז", "סיר הבישול האיטי"],
    tasks: [
      ["לבשל אורז מלא", "rice"],
      ["להכין יוגורט", "dairy"],
      ["לנקות אבנית מהסיר הפנימי", "cleaning"],
      ["לבשל עוף קפוא", "meat"],
      ["לאפות עוגת גבינה", "baking"],
      ["לבשל חומוס בלי השריה", "beans"],
      ["להכין ציר עצמות", "recipes"],
      ["לאדות ירקות ואורז ביחד", "accessories"],
      ["להתפיח בצק לחלה", "baking"],
      ["להכין חמין לשבת", "recipes"],
      ["להוציא את ריח הקארי מטבעת האיטום", "cleaning"],
      ["לבשל תבשיל בקר שלא יוצא מימי", "meat"],
    ],
    problems: [
      ["מציג אזהרת צריבה", "troubleshooting"],
      ["משחרר אדים מסביב למכסה", "troubleshooting"],
      ["לוקח ארבעים דקות להגיע ללחץ", "troubleshooting"],
      ["מצפצף שלוש פעמים ונכבה", "troubleshooting"],
      ["כבר לא אוטם", "safety"],
      ["מתיז נוזלים מהשסתום", "safety"],
    ],
    periods: ["חודש", "שבועיים", "שנה", "שלושה חודשים", "חצי שנה"],
    askTask: [(task, product) => `איך ${task} ב${product}?`, (task, product) => `אפשר ${task} ב${product}?`, (task) => `מה ההגדרה הכי טובה כדי ${task}?`],
    askProblem: [(problem, product) => `למה ${product} שלי ${problem}?`, (problem, product, period) => `${product} שלי ${problem} אחרי ${period}. זה תקין?`],
    bodies: [
      (product, period) => `יש לי את ${product} כבר ${period} ואני משתמש בו בעיקר באמצע השבוע. עשיתי לפי החוברת, אבל התוצאה לא מה שציפיתי. יש למישהו טיפים?`,
      (product) => `זה ${product} הראשון שלי ואני לא רוצה להרוס שוב את ארוחת הערב. כמה זמן, איזה לחץ וכמה מים אתם שמים?`,
      (product, period) => `כבר ${period} שזה קורה שוב ושוב עם ${product}. ניקיתי את המכסה ובדקתי את הטבעת. מה עוד כדאי לבדוק?`,
    ],
    answers: [
      "תוציאו את טבעת האיטום, תשרו אותה במים חמים עם כף סודה לשתייה ותנו לה להתייבש בשמש. אצלי זה עבד.",
      "הוסיפו עוד קצת נוזלים: הסיר צריך לפחות כוס אחת כדי לבנות לחץ, ורטבים סמיכים שמים למעלה ולא בתחתית.",
      "נקו את שסתום האדים ובדקו שהמצוף זז בחופשיות; גרגר אורז שנתקע שם גורם בדיוק לזה.",
      "הגדירו בישול ידני בלחץ גבוה ל-22 דקות, ואז תנו ללחץ להשתחרר לבד עשר דקות.",
      "אחרי ההקפצה תגרדו את התחתית עם מעט מים. אזהרת הצריבה כמעט תמיד באה מחתיכות שנדבקו.",
      "שימו מעמד, כוס מים מתחתיו ובשלו בקערה נפרדת. לא יהיו יותר תחתיות שרופות.",
      "בדקו שהטבעת יושבת באופן אחיד מסביב למכסה; אם היא נמתחה, טבעת חדשה עולה מעט ופותרת את זה.",
      "ליוגורט: מרתיחים את החלב, מצננים ל-43 מעלות, מערבבים את המחמצת ומפעילים את תוכנית היוגורט לשמונה שעות.",
    ],
    closings: ["", " בהצלחה!", " ספרו איך הלך.", " מקווה שזה עוזר."],
    comments: ["תודה, אנסה הערב.", "גם אצלי אותה בעיה.", "זה עבד, תודה רבה!", "זה נכון גם לדגם של 8 ליטר?", "טיפ מצוין לגבי המעמד."],
  },
};
