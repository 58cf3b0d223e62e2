import { z } from "zod";
import { Button } from "./components/button";
import { greeting, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { withPreview, type NoProps } from "./components/preview";
import { appUrl, boundedText, httpUrl, label } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To a company's owners: deliveries to one of their webhook endpoints stopped.
export const schema = z.object({
  appUrl,
  recipientName: label.nullish(),
  endpointUrl: httpUrl,
  reason: boundedText(300),
});
export type WebhookDisabledProps = z.output<typeof schema>;

export const previewProps: WebhookDisabledProps = {
  appUrl: "https://portal.example.com",
  recipientName: "Maria Lopez",
  endpointUrl: "https://erp.example.com/hooks/portal",
  reason: "every delivery failed for 5 days",
};

function sentence(p: WebhookDisabledProps): string {
  return `We stopped sending order events to ${p.endpointUrl}: ${p.reason}. Events from now on are not queued for it; when it is fixed, enable it again and recover the failed deliveries from the webhooks page.`;
}

export function subject(): string {
  return subjectLine("A webhook endpoint was disabled");
}

export default function WebhookDisabledEmail(props: WebhookDisabledProps | NoProps) {
  const p = withPreview(props, previewProps);
  const url = `${p.appUrl}/account/webhooks`;
  return (
    <EmailLayout title={subject()} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>A webhook endpoint was disabled</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      <Button href={url}>Open webhooks</Button>
    </EmailLayout>
  );
}
WebhookDisabledEmail.PreviewProps = previewProps;

export function text(p: WebhookDisabledProps): string {
  return textEmail({
    heading: "A webhook endpoint was disabled",
    greeting: greeting(p.recipientName),
    body: [sentence(p)],
    action: { label: "Open webhooks", url: `${p.appUrl}/account/webhooks` },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
