import { z } from "zod";
import { Button } from "./components/button";
import { subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { withPreview, type NoProps } from "./components/preview";
import { appUrl, httpUrl, label } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To someone an owner invited into their company: a single-use link to set a password.
export const schema = z.object({
  appUrl,
  companyName: label,
  invitedBy: label,
  role: z.enum(["owner", "buyer", "viewer"]),
  acceptUrl: httpUrl,
  expiresAt: z.iso.datetime(),
});
export type AccountInviteProps = z.output<typeof schema>;

export const previewProps: AccountInviteProps = {
  appUrl: "https://portal.example.com",
  companyName: "WorldTech Phones",
  invitedBy: "Maria Lopez",
  role: "buyer",
  acceptUrl: "https://portal.example.com/invite/preview-token",
  expiresAt: "2026-12-10T12:00:00.000Z",
};

const ROLE_WORDS = { owner: "an owner (users, API keys, webhooks and settings)", buyer: "a buyer (places orders)", viewer: "a viewer (reads orders)" } as const;

function sentence(p: AccountInviteProps): string {
  return `${p.invitedBy} invited you to order for ${p.companyName} on PhoneX Portal as ${ROLE_WORDS[p.role]}. Set your password to accept; the link works once and expires ${p.expiresAt.slice(0, 16).replace("T", " ")} UTC.`;
}

export function subject(p: AccountInviteProps): string {
  return subjectLine(`${p.invitedBy} invited you to ${p.companyName} on PhoneX Portal`);
}

export default function AccountInviteEmail(props: AccountInviteProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>You are invited</h1>
      <p style={s.p}>Hello,</p>
      <p style={s.p}>{sentence(p)}</p>
      <Button href={p.acceptUrl}>Accept the invitation</Button>
      <p style={s.p}>If you did not expect this, ignore this email: nothing happens until the link is used.</p>
    </EmailLayout>
  );
}
AccountInviteEmail.PreviewProps = previewProps;

export function text(p: AccountInviteProps): string {
  return textEmail({
    heading: "You are invited",
    greeting: "Hello,",
    body: [sentence(p), "If you did not expect this, ignore this email: nothing happens until the link is used."],
    action: { label: "Accept the invitation", url: p.acceptUrl },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
