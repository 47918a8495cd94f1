/** A short, human description of the browser behind a session, from its User-Agent header. */

export interface Device {
  browser: string | null;
  system: string | null;
}

// Order matters: Edge and Opera also claim to be Chrome, Chrome claims to be Safari.
const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/(?:\b|Headless)Chrome\/|\bCriOS\/|\bChromium\//, "Chrome"],
  [/\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/\bAndroid\b/, "Android"],
  [/\biPhone\b|\biPad\b|\biOS\b/, "iOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bLinux\b/, "Linux"],
];

function firstMatch(value: string, table: Array<[RegExp, string]>): string | null {
  return table.find(([pattern]) => pattern.test(value))?.[1] ?? null;
}

/** The browser and operating system named by a User-Agent, each null when unknown. */
export function describeDevice(userAgent: string | null | undefined): Device {
  if (!userAgent) return { browser: null, system: null };
  return { browser: firstMatch(userAgent, BROWSERS), system: firstMatch(userAgent, SYSTEMS) };
}
