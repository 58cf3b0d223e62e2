import { z } from "zod";
import { Button } from "./components/button";
import { greeting, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { withPreview, type NoProps } from "./components/preview";
import { appUrl, httpUrl, label } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To a user who asked to reset their password: a single-use, expiring link.
export const schema = z.object({
  appUrl,
  recipientName: label.nullish(),
  resetUrl: httpUrl,
  expiresAt: z.iso.datetime(),
});
export type PasswordResetProps = z.output<typeof schema>;

export const previewProps: PasswordResetProps = {
  appUrl: "https://portal.example.com",
  recipientName: "Maria Lopez",
  resetUrl: "https://portal.example.com/reset-password/preview-token",
  expiresAt: "2026-12-03T13:00:00.000Z",
};

function sentence(p: PasswordResetProps): string {
  return `Someone (we hope you) asked to reset the password of your PhoneX Portal account. The link below works once and expires ${p.expiresAt.slice(0, 16).replace("T", " ")} UTC; setting a new password signs you out everywhere else.`;
}

export function subject(): string {
  return subjectLine("Reset your PhoneX Portal password");
}

export default function PasswordResetEmail(props: PasswordResetProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject()} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>Reset your password</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      <Button href={p.resetUrl}>Set a new password</Button>
      <p style={s.p}>If you did not ask for this, ignore this email: your password stays as it is.</p>
    </EmailLayout>
  );
}
PasswordResetEmail.PreviewProps = previewProps;

export function text(p: PasswordResetProps): string {
  return textEmail({
    heading: "Reset your password",
    greeting: greeting(p.recipientName),
    body: [sentence(p), "If you did not ask for this, ignore this email: your password stays as it is."],
    action: { label: "Set a new password", url: p.resetUrl },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
