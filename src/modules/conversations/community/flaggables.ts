/** The community's content types, registered with moderation so members can flag them and moderators hide or restore them. */
import { defineFlaggable, excerptOf } from "./hooks.ts";
import { postUrl, setPostHidden } from "./discussions/service.ts";
import { reviewUrl, setReviewHidden } from "./reviews/service.ts";
import { creationUrl, setCreationHidden } from "./creations/service.ts";

defineFlaggable({
  type: "topic.post",
  async load(db, id) {
    const post = await db.selectFrom("posts").innerJoin("topics", "topics.id", "posts.topic_id").select(["posts.author_id", "posts.body", "posts.hidden_at", "posts.topic_id", "topics.title"]).where("posts.id", "=", id).executeTakeFirst();
    return post ? { authorId: post.author_id, title: post.title, excerpt: excerptOf(post.body), url: postUrl(post.topic_id, id), hidden: post.hidden_at !== null } : undefined;
  },
  setHidden: (db, id, hidden) => setPostHidden(db, id, hidden),
});

defineFlaggable({
  type: "review",
  async load(db, id) {
    const review = await db.selectFrom("reviews").select(["author_id", "title", "body", "hidden_at", "product_id"]).where("id", "=", id).executeTakeFirst();
    return review ? { authorId: review.author_id, title: review.title, excerpt: excerptOf(review.body), url: reviewUrl(review.product_id, id), hidden: review.hidden_at !== null } : undefined;
  },
  setHidden: (db, id, hidden) => setReviewHidden(db, id, hidden),
});

defineFlaggable({
  type: "creation",
  async load(db, id) {
    const creation = await db.selectFrom("creations").select(["author_id", "title", "body", "hidden_at"]).where("id", "=", id).executeTakeFirst();
    return creation ? { authorId: creation.author_id, title: creation.title, excerpt: excerptOf(creation.body), url: creationUrl(id), hidden: creation.hidden_at !== null } : undefined;
  },
  setHidden: (db, id, hidden) => setCreationHidden(db, id, hidden),
});
