/**
 * The scopes an API token can carry. `read` and `write` are the defaults that routes check
 * (GET needs read, other methods write); a module whose routes set `config.scope` to something
 * else declares that scope here, so members can grant it on the tokens page.
 */

export interface ApiScope {
  name: string;
  /** Catalogue key of the description shown beside the checkbox. */
  labelKey: string;
}

const scopes = new Map<string, ApiScope>();

/** Declares scopes (name → catalogue key of its description). */
export function defineApiScopes(entries: Record<string, string>): void {
  for (const [name, labelKey] of Object.entries(entries)) scopes.set(name, { name, labelKey });
}

/** Every declared scope, in declaration order. */
export function apiScopes(): ApiScope[] {
  return [...scopes.values()];
}

/** True when the scope has been declared. */
export function isApiScope(value: string): boolean {
  return scopes.has(value);
}

defineApiScopes({ read: "auth.scopes.read", write: "auth.scopes.write" });
defineApiScopes({ "sales:import": "royalties.scope.salesImport" });
