import { z } from "zod";
import { Button } from "./components/button";
import { Facts } from "./components/facts";
import { subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { withPreview, type NoProps } from "./components/preview";
import { appUrl, boundedText, label } from "./components/schemas";
import { textEmail, textFacts } from "./components/text";
import { s } from "./components/theme";

// To ops: a supplier's stock or catalog sync stopped with an error, so the catalog may be stale.
export const schema = z.object({
  appUrl,
  supplierName: label,
  kind: z.enum(["stock", "catalog"]),
  syncLogId: z.string().trim().min(1).max(100),
  reason: boundedText(500),
});
export type SyncFailedProps = z.output<typeof schema>;

export const previewProps: SyncFailedProps = {
  appUrl: "https://portal.example.com",
  supplierName: "PhoneX",
  kind: "stock",
  syncLogId: "3f2a6c1e-0000-4000-8000-000000000000",
  reason: "PhoneX answered 503 three times (the next run resumes at page 4)",
};

const what = (p: SyncFailedProps) => (p.kind === "stock" ? "stock sync" : "catalog sync");

export function subject(p: SyncFailedProps): string {
  return subjectLine(`Sync failed: ${p.supplierName} ${what(p)}`);
}

export default function SyncFailedEmail(props: SyncFailedProps | NoProps) {
  const p = withPreview(props, previewProps);
  const sentence = `The ${what(p)} of ${p.supplierName} stopped with an error; its stock and prices in the catalog may be out of date until a run succeeds.`;
  return (
    <EmailLayout title={subject(p)} preview={sentence} appUrl={p.appUrl} audience="ops">
      <h1 style={s.h1}>Sync failed</h1>
      <p style={s.p}>{sentence}</p>
      <p style={s.callout}>{p.reason}</p>
      <Facts
        rows={[
          ["Supplier", p.supplierName],
          ["Sync", what(p)],
          [
            "Run",
            <span key="run" style={s.mono}>
              {p.syncLogId}
            </span>,
          ],
        ]}
      />
      <Button href={`${p.appUrl}/ops/sync`}>Open sync log</Button>
    </EmailLayout>
  );
}
SyncFailedEmail.PreviewProps = previewProps;

export function text(p: SyncFailedProps): string {
  return textEmail({
    heading: "Sync failed",
    body: [
      `The ${what(p)} of ${p.supplierName} stopped with an error; its stock and prices in the catalog may be out of date until a run succeeds.`,
      p.reason,
      textFacts([
        ["Supplier", p.supplierName],
        ["Sync", what(p)],
        ["Run", p.syncLogId],
      ]),
    ],
    action: { label: "Open sync log", url: `${p.appUrl}/ops/sync` },
    appUrl: p.appUrl,
    audience: "ops",
  });
}
