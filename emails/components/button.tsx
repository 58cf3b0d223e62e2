import { colors, fontFamily } from "./theme";

/**
 * A call-to-action link styled as a button. The colour sits on the table cell
 * as well as the link so Outlook, which ignores padding on <a>, still shows a
 * filled button.
 */
export function Button({ href, children }: { href: string; children: string }) {
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ margin: "8px 0 20px" }}>
      <tbody>
        <tr>
          <td style={{ background: colors.brand, borderRadius: "6px" }}>
            <a
              href={href}
              style={{
                display: "inline-block",
                padding: "11px 20px",
                fontFamily,
                fontSize: "15px",
                fontWeight: 600,
                color: "#ffffff",
                textDecoration: "none",
                borderRadius: "6px",
              }}
            >
              {children}
            </a>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
