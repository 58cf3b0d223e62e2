import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseEmailProps, templateFor, type EmailPropsInput, type EmailType } from "./email-templates";

/**
 * Render subject, HTML and plain text together (so the three never drift).
 * This imports react-dom/server, which Next.js refuses to bundle for Server
 * Components and route handlers: the worker renders, the web app composes
 * (email-templates.ts composeEmail).
 */
export * from "./email-templates";

export type RenderedEmail = { subject: string; html: string; text: string };

export function renderEmail<T extends EmailType>(type: T, props: EmailPropsInput<T>): RenderedEmail {
  const data = parseEmailProps(type, props);
  const t = templateFor(type);
  return { subject: t.subject(data), html: renderHtml(t.default, data), text: t.text(data) };
}

/** HTML only, from props already validated (as stored on a Notification). */
export function renderEmailHtml<T extends EmailType>(type: T, props: unknown): string {
  const data = parseEmailProps(type, props);
  return renderHtml(templateFor(type).default, data);
}

function renderHtml<P>(component: ComponentType<P>, data: P) {
  // React escapes every interpolated value, so supplier text cannot inject markup.
  return `<!doctype html>${renderToStaticMarkup(createElement(component as ComponentType<object>, data as object))}`;
}
