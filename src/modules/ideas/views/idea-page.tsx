/** /ideas/:id: the idea itself, where it stands, the support panel, updates and comments. */
import { Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { isPubliclyVisible } from "../policy.ts";
import { imageUrl, thumbnailName } from "../presenters.ts";
import { Comments, Markdown, Updates, type CommentRow, type TextForm, type UpdateRow } from "./discussion.tsx";
import { localName, type IdeaView } from "./model.ts";
import { StateBadge, StatusBadge } from "./standing.tsx";
import { StateExplanation, type StateFacts } from "./state-explanation.tsx";
import { SupportPanel, type SupportForm, type Viewer } from "./support-panel.tsx";

/** Thumbnails are made this wide (platform/uploads/images.ts). */
const THUMBNAIL_WIDTH = 480;

export interface ImageRow {
  id: number;
  file_name: string;
  width: number;
  height: number;
  alt: string;
}

export interface IdeaPageData {
  idea: IdeaView;
  images: ImageRow[];
  viewer: Viewer | null;
  facts: StateFacts;
  comments: CommentRow[];
  updates: UpdateRow[];
}

/** Forms of the page sent back with errors. */
export interface IdeaPageForms {
  support?: SupportForm;
  comment?: TextForm;
  update?: TextForm;
}

function Gallery(props: { ideaId: number; title: string; images: ImageRow[] }) {
  const { t } = usePage();
  if (props.images.length === 0) return null;
  return (
    <ul class="idea-gallery" aria-label={t("ideas.images.label")}>
      {props.images.map((image, index) => {
        const alt = image.alt || t("ideas.images.alt", { title: props.title, number: index + 1, count: props.images.length });
        const full = imageUrl(props.ideaId, image.file_name);
        const thumbnail = imageUrl(props.ideaId, thumbnailName(image.file_name));
        const width = Math.min(THUMBNAIL_WIDTH, image.width);
        // The first image leads at the column's width, so browsers may pick the full-size file for it.
        return (
          <li>
            <a href={full}>
              <img
                src={thumbnail}
                alt={alt}
                width={width}
                height={Math.round((width / image.width) * image.height)}
                srcset={index === 0 ? `${thumbnail} ${width}w, ${full} ${image.width}w` : undefined}
                sizes={index === 0 ? "(min-width: 60rem) 46rem, 100vw" : undefined}
                loading={index === 0 ? undefined : "lazy"}
              />
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** One idea; `forms` carries the values and errors of a form sent back. */
export function IdeaPage(props: { data: IdeaPageData; forms: IdeaPageForms }) {
  const { t, locale } = usePage();
  const { idea, images, viewer, facts } = props.data;
  const { row, standing, category, status } = idea;
  const visible = isPubliclyVisible(standing.state);
  const discussable = visible && standing.state !== "expired" && standing.state !== "merged";
  return (
    <article class="idea">
      <header class="idea__header">
        <p class="idea__badges">
          <StateBadge state={standing.state} />
          <StatusBadge status={status} />
          {category ? <span class="idea__category">{localName(category.names, locale, category.slug)}</span> : null}
        </p>
        <h1 lang={row.language} dir="auto">
          {row.title}
        </h1>
        <p class="idea__byline muted">
          {t("ideas.byCreator", { name: row.creator_name })}
          {row.published_at ? (
            <>
              {" · "}
              {t("ideas.published")} <Time date={row.published_at} />
            </>
          ) : null}
        </p>
      </header>
      <StateExplanation facts={facts} />
      <div class="idea__layout">
        <div class="idea__main">
          <Gallery ideaId={row.id} title={row.title} images={images} />
          <Markdown source={row.body} class="idea__body prose" lang={row.language} />
          {visible ? (
            <>
              <Updates ideaId={row.id} updates={props.data.updates} canPost={facts.isCreator && discussable} form={props.forms.update} language={row.language} />
              <Comments ideaId={row.id} comments={props.data.comments} creatorId={row.creator_id} open={discussable} form={props.forms.comment} />
            </>
          ) : null}
        </div>
        {visible ? (
          <aside class="idea__aside">
            <SupportPanel idea={idea} viewer={viewer} form={props.forms.support} />
          </aside>
        ) : null}
      </div>
    </article>
  );
}
