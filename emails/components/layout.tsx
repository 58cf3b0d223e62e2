import type { ReactNode } from "react";
import { colors, fontFamily } from "./theme";

export type Audience = "reseller" | "ops";

type LayoutProps = {
  /** <title>, and what the reader sees first. */
  title: string;
  /** Inbox preview line (the "preheader"), hidden in the body. */
  preview: string;
  appUrl: string;
  audience: Audience;
  children: ReactNode;
};

/**
 * The frame every email shares: brand header, a white card, a footer that
 * says why the reader got it. Table layout because Outlook's Word engine
 * ignores most CSS box layout on <div>s.
 */
export function EmailLayout({ title, preview, appUrl, audience, children }: LayoutProps) {
  return (
    <html lang="en">
      {/* An email document, not a Next.js page: next/head does not apply here. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta httpEquiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: 0, background: colors.page, fontFamily }}>
        <div style={{ display: "none", maxHeight: 0, overflow: "hidden", opacity: 0, fontSize: "1px", lineHeight: "1px" }}>{preview}</div>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ background: colors.page }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: "24px 12px" }}>
                <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ maxWidth: "600px" }}>
                  <tbody>
                    <tr>
                      <td style={{ padding: "0 0 16px", fontSize: "18px", fontWeight: 700, color: colors.brand, fontFamily }}>
                        <a href={appUrl} style={{ color: colors.brand, textDecoration: "none" }}>
                          PhoneX Portal
                        </a>
                      </td>
                    </tr>
                    <tr>
                      <td
                        style={{
                          background: colors.card,
                          border: `1px solid ${colors.border}`,
                          borderRadius: "8px",
                          padding: "28px 28px 12px",
                          fontFamily,
                        }}
                      >
                        {children}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "16px 4px", fontSize: "12px", lineHeight: "18px", color: colors.muted, fontFamily }}>
                        {footerText(audience)}
                        <br />
                        PhoneX Portal ·{" "}
                        <a href={appUrl} style={{ color: colors.muted }}>
                          {appUrl.replace(/^https?:\/\//, "")}
                        </a>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** Shared with the plain-text footer so both versions give the same reason. */
export function footerText(audience: Audience): string {
  return audience === "ops" ? "Sent to the PhoneX Portal operations team." : "You receive this email because your company orders through PhoneX Portal.";
}
