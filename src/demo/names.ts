/**
 * Real first and last names in English, Persian and Hebrew, each with the Latin spelling used for
 * the demo email address. Display names stay in their own script.
 */
import type { Locale } from "../platform/i18n/index.ts";

/** A name in its own script and its Latin spelling (lower case, for email addresses). */
export type Name = readonly [display: string, latin: string];

export interface NameList {
  first: readonly Name[];
  last: readonly Name[];
}

function latin(names: readonly string[]): Name[] {
  return names.map((name) => [name, name.toLowerCase()] as const);
}

const english: NameList = {
  first: latin([
    "Olivia", "Emma", "Amelia", "Sophia", "Isabella", "Charlotte", "Grace", "Lily", "Chloe", "Ella",
    "Hannah", "Emily", "Abigail", "Zoe", "Lucy", "Ruby", "Megan", "Rachel", "Sarah", "Laura",
    "Jessica", "Natalie", "Claire", "Rebecca", "Katie", "Anna", "Maya", "Nora", "Alice", "Jasmine",
    "Liam", "Noah", "Oliver", "James", "William", "Benjamin", "Lucas", "Henry", "Alexander", "Jack",
    "Daniel", "Matthew", "Samuel", "David", "Joseph", "Thomas", "Ethan", "Ryan", "Nathan", "Andrew",
    "Michael", "Christopher", "Owen", "Isaac", "Adam", "Leo", "Harry", "George", "Dylan", "Marcus",
  ]),
  last: latin([
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
    "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
    "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
    "Bennett", "Hughes", "Price", "Foster", "Sullivan", "Russell", "Hayes", "Fisher", "Palmer", "Spencer",
  ]),
};

const persian: NameList = {
  first: [
    ["سارا", "sara"], ["مریم", "maryam"], ["زهرا", "zahra"], ["فاطمه", "fatemeh"], ["نگار", "negar"],
    ["نازنین", "nazanin"], ["الهام", "elham"], ["لیلا", "leila"], ["پریسا", "parisa"], ["شیرین", "shirin"],
    ["مهسا", "mahsa"], ["آزاده", "azadeh"], ["نسترن", "nastaran"], ["سپیده", "sepideh"], ["یاسمن", "yasaman"],
    ["هانیه", "haniyeh"], ["رویا", "roya"], ["ستاره", "setareh"], ["مینا", "mina"], ["آیدا", "aida"],
    ["ترانه", "taraneh"], ["نیلوفر", "niloofar"], ["بهاره", "bahareh"], ["کیمیا", "kimia"], ["شادی", "shadi"],
    ["علی", "ali"], ["محمد", "mohammad"], ["رضا", "reza"], ["حسین", "hossein"], ["امیر", "amir"],
    ["مهدی", "mehdi"], ["سعید", "saeed"], ["حمید", "hamid"], ["بهرام", "bahram"], ["کاوه", "kaveh"],
    ["آرش", "arash"], ["بابک", "babak"], ["داریوش", "dariush"], ["فرهاد", "farhad"], ["کامران", "kamran"],
    ["پویا", "pouya"], ["سینا", "sina"], ["میلاد", "milad"], ["نیما", "nima"], ["امید", "omid"],
    ["پیمان", "peyman"], ["شهاب", "shahab"], ["مهران", "mehran"], ["کوروش", "kourosh"], ["بردیا", "bardia"],
    ["آرمان", "arman"], ["سامان", "saman"], ["احسان", "ehsan"], ["وحید", "vahid"], ["یاسین", "yasin"],
  ],
  last: [
    ["احمدی", "ahmadi"], ["محمدی", "mohammadi"], ["حسینی", "hosseini"], ["رضایی", "rezaei"], ["کریمی", "karimi"],
    ["موسوی", "mousavi"], ["جعفری", "jafari"], ["صادقی", "sadeghi"], ["رحیمی", "rahimi"], ["حیدری", "heidari"],
    ["کاظمی", "kazemi"], ["نوری", "nouri"], ["قاسمی", "ghasemi"], ["عباسی", "abbasi"], ["ابراهیمی", "ebrahimi"],
    ["اکبری", "akbari"], ["امینی", "amini"], ["سلیمانی", "soleimani"], ["شریفی", "sharifi"], ["یزدانی", "yazdani"],
    ["تهرانی", "tehrani"], ["شیرازی", "shirazi"], ["اصفهانی", "esfahani"], ["کرمانی", "kermani"], ["فراهانی", "farahani"],
    ["نجفی", "najafi"], ["باقری", "bagheri"], ["مرادی", "moradi"], ["زمانی", "zamani"], ["بهرامی", "bahrami"],
    ["افشار", "afshar"], ["پارسا", "parsa"], ["فرهمند", "farahmand"], ["نیک‌پور", "nikpour"], ["روشن", "roshan"],
    ["خسروی", "khosravi"], ["طاهری", "taheri"], ["میرزایی", "mirzaei"], ["سبحانی", "sobhani"], ["دلاوری", "delavari"],
    ["صالحی", "salehi"], ["ملکی", "maleki"], ["فتحی", "fathi"], ["یوسفی", "yousefi"], ["کیانی", "kiani"],
  ],
};

const hebrew: NameList = {
  first: [
    ["נועה", "noa"], ["תמר", "tamar"], ["מאיה", "maya"], ["יעל", "yael"], ["שירה", "shira"],
    ["מיכל", "michal"], ["רוני", "roni"], ["הילה", "hila"], ["אביגיל", "avigail"], ["שני", "shani"],
    ["ליאור", "lior"], ["עדי", "adi"], ["נטע", "neta"], ["אורית", "orit"], ["רותם", "rotem"],
    ["טליה", "talia"], ["אפרת", "efrat"], ["דנה", "dana"], ["הדס", "hadas"], ["ענבל", "inbal"],
    ["רחל", "rachel"], ["שרה", "sara"], ["לאה", "lea"], ["אסתר", "ester"], ["חנה", "hana"],
    ["דוד", "david"], ["יוסף", "yosef"], ["משה", "moshe"], ["אברהם", "avraham"], ["יצחק", "yitzhak"],
    ["יונתן", "yonatan"], ["איתי", "itai"], ["עומר", "omer"], ["אורי", "uri"], ["נועם", "noam"],
    ["אריאל", "ariel"], ["דניאל", "daniel"], ["גיא", "guy"], ["אלון", "alon"], ["עידו", "ido"],
    ["רועי", "roi"], ["תומר", "tomer"], ["אביב", "aviv"], ["ניר", "nir"], ["עמית", "amit"],
    ["אסף", "asaf"], ["גלעד", "gilad"], ["שחר", "shahar"], ["רז", "raz"], ["בן", "ben"],
    ["אלעד", "elad"], ["יואב", "yoav"], ["איתן", "eitan"], ["עוז", "oz"], ["אביתר", "evyatar"],
  ],
  last: [
    ["כהן", "cohen"], ["לוי", "levi"], ["מזרחי", "mizrahi"], ["פרץ", "peretz"], ["ביטון", "biton"],
    ["דהן", "dahan"], ["פרידמן", "friedman"], ["אזולאי", "azoulay"], ["מלכה", "malka"], ["כץ", "katz"],
    ["עמר", "amar"], ["אוחיון", "ohayon"], ["חדד", "hadad"], ["גבאי", "gabai"], ["שפירא", "shapira"],
    ["רוזנברג", "rosenberg"], ["גולדברג", "goldberg"], ["ברק", "barak"], ["שלום", "shalom"], ["אשכנזי", "ashkenazi"],
    ["בן דוד", "bendavid"], ["סגל", "segal"], ["וייס", "weiss"], ["לנדאו", "landau"], ["קליין", "klein"],
    ["גרינברג", "greenberg"], ["הורוביץ", "horowitz"], ["נחום", "nachum"], ["שמואלי", "shmueli"], ["טל", "tal"],
    ["אורן", "oren"], ["רבינוביץ", "rabinovich"], ["זילברמן", "zilberman"], ["קפלן", "kaplan"], ["אלמוג", "almog"],
    ["שגיא", "sagi"], ["נוי", "noy"], ["דגן", "dagan"], ["חזן", "hazan"], ["ששון", "sasson"],
    ["אביטל", "avital"], ["בר", "bar"], ["גולן", "golan"], ["יפה", "yaffe"], ["הלוי", "halevi"],
  ],
};

/** Names by the language of the member who carries them. */
export const NAMES: Record<Locale, NameList> = { en: english, fa: persian, he: hebrew };
