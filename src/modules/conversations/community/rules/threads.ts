/**
 * A topic's replies as a thread: each reply under the post it answers, in time order, indented at
 * most MAX_DEPTH levels (deeper replies stay at the deepest level, as Discourse and Reddit do on phones).
 */

export const MAX_DEPTH = 4;

export interface ThreadPost {
  id: number;
  replyToId: number | null;
  createdAt: Date;
}

export type Threaded<P> = P & { depth: number };

/**
 * Posts in reading order: a post, then its replies (oldest first) with theirs, depth-first. A reply
 * whose parent is not in the list (hidden, or a cycle after a bad merge) starts at the top level.
 */
export function buildThread<P extends ThreadPost>(posts: readonly P[]): Array<Threaded<P>> {
  const ids = new Set(posts.map((post) => post.id));
  const children = new Map<number | null, P[]>();
  for (const post of posts) {
    const parent = post.replyToId !== null && ids.has(post.replyToId) && post.replyToId !== post.id ? post.replyToId : null;
    const list = children.get(parent) ?? [];
    list.push(post);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  const ordered: Array<Threaded<P>> = [];
  const seen = new Set<number>();
  const visit = (post: P, depth: number) => {
    if (seen.has(post.id)) return;
    seen.add(post.id);
    ordered.push({ ...post, depth: Math.min(depth, MAX_DEPTH) });
    for (const child of children.get(post.id) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  // Posts only reachable through a cycle (a → b → a) are still shown, at the top level.
  for (const post of [...posts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) visit(post, 0);
  return ordered;
}

/** A quote of another post for a reply: its first lines as a markdown blockquote, at most `max` characters. */
export function quoteOf(body: string, max = 300): string {
  const text = body.trim().replace(/\r\n/g, "\n");
  const cut = text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
  return cut
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}
