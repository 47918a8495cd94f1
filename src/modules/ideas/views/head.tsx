/** What idea pages add to the document head: the module's stylesheet, and share previews for an idea. */
import { usePage } from "../../../platform/web/page-context.ts";

/** The ideas stylesheet, after the design system's. */
export function IdeasStylesheet() {
  return <link rel="stylesheet" href="/assets/ideas.css" />;
}

const OG_LOCALES: Record<string, string> = { en: "en_GB", fa: "fa_IR", he: "he_IL" };

/**
 * Open Graph and Twitter card tags, so a shared link shows the idea's title, summary and first image.
 * Addresses are absolute, as the sites that read these tags require.
 */
export function SharePreview(props: { path: string; title: string; summary: string; language: string; imagePath: string | null; baseUrl: string; siteName: string }) {
  const url = new URL(props.path, props.baseUrl).href;
  const image = props.imagePath ? new URL(props.imagePath, props.baseUrl).href : null;
  return (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={props.siteName} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.summary} />
      <meta property="og:url" content={url} />
      <meta property="og:locale" content={OG_LOCALES[props.language] ?? "en_GB"} />
      {image ? <meta property="og:image" content={image} /> : null}
      <meta name="twitter:card" content={image ? "summary_large_image" : "summary"} />
      <meta name="twitter:title" content={props.title} />
      <meta name="twitter:description" content={props.summary} />
      {image ? <meta name="twitter:image" content={image} /> : null}
    </>
  );
}

/** The head of an idea page: stylesheet and share previews. */
export function IdeaHead(props: { id: number; title: string; summary: string; language: string; imagePath: string | null }) {
  const { baseUrl, siteName } = usePage();
  return (
    <>
      <IdeasStylesheet />
      <SharePreview path={`/ideas/${props.id}`} title={props.title} summary={props.summary} language={props.language} imagePath={props.imagePath} baseUrl={baseUrl} siteName={siteName} />
    </>
  );
}
