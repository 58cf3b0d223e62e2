import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { greeting } from "../../emails/components/format";
import { isEmailType, parseEmailProps, templateFor, type EmailPropsInput, type EmailType } from "./email-templates";

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

/**
 * The HTML of several stored notifications at once (null where a row has no template or props).
 * The emails of one event differ only in their reader's name (the greeting), so each distinct
 * template and props is rendered once, with a stand-in name, and the greeting is put in as React
 * would have escaped it. A render the stand-in does not appear in exactly once (a template that
 * uses the name elsewhere) falls back to rendering each email on its own: the result is always
 * what renderEmailHtml gives for each row.
 */
export function renderEmailHtmls(items: readonly { type: string | null; props: unknown }[]): (string | null)[] {
  const out: (string | null)[] = new Array(items.length).fill(null);
  const groups = new Map<string, { type: EmailType; data: Record<string, unknown>; members: { i: number; name: string | null | undefined }[] }>();
  items.forEach((it, i) => {
    if (!it.props || !it.type || !isEmailType(it.type)) return;
    const data = parseEmailProps(it.type, it.props) as Record<string, unknown>;
    const { recipientName, ...rest } = data as Record<string, unknown> & { recipientName?: string | null };
    const key = `${it.type}\u0000${JSON.stringify(rest)}`;
    const g = groups.get(key);
    if (g) g.members.push({ i, name: recipientName });
    else groups.set(key, { type: it.type, data, members: [{ i, name: recipientName }] });
  });
  for (const g of groups.values()) {
    const component = templateFor(g.type).default as ComponentType<object>;
    if (g.members.length > 1) {
      const html = renderHtml(component, { ...g.data, recipientName: STAND_IN });
      const slot = escapeText(greeting(STAND_IN));
      if (html.split(STAND_IN).length === 2 && html.includes(slot)) {
        const [head, tail] = html.split(slot) as [string, string];
        for (const m of g.members) out[m.i] = head + escapeText(greeting(m.name)) + tail;
        continue;
      }
    }
    for (const m of g.members) out[m.i] = renderHtml(component, { ...g.data, recipientName: m.name });
  }
  return out;
}

/** A name no reader has (letters only, so no escaping touches it). */
const STAND_IN = "ZqxRecipientStandInVwk";

/** Text as React escapes it in markup (escapeTextForBrowser): & < > " and '. */
function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

function renderHtml<P>(component: ComponentType<P>, data: P) {
  // React escapes every interpolated value, so supplier text cannot inject markup.
  return `<!doctype html>${renderToStaticMarkup(createElement(component as ComponentType<object>, data as object))}`;
}
