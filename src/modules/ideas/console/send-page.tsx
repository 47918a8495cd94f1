/** Sends an ideas console page: the console shell plus the stylesheet of these pages. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { sendConsolePage } from "../../../platform/console/index.ts";

/** Sends a page inside the console shell with the ideas console stylesheet. */
export function sendIdeasConsolePage(request: FastifyRequest, reply: FastifyReply, content: ComponentChildren, options: { title: string; status?: number }): Promise<FastifyReply> {
  return sendConsolePage(request, reply, content, { ...options, head: <link rel="stylesheet" href="/assets/ideas-console.css" /> });
}
