/** Addresses between the account pages that carry the place to return to. */

/** `path` with `?returnTo=…` added, unless the return address is the home page. */
export function withReturnTo(path: string, returnTo: string): string {
  return returnTo === "/" ? path : `${path}?returnTo=${encodeURIComponent(returnTo)}`;
}
