import type { CSSProperties } from "react";

/**
 * Inline styles only: Gmail and Outlook drop <style> blocks and external
 * stylesheets, and we load no web fonts or images (blocked by default in most
 * clients), so everything here is a plain style object.
 */
export const colors = {
  brand: "#0f4c81",
  text: "#1f2933",
  muted: "#616e7c",
  border: "#e4e7eb",
  page: "#f4f5f7",
  card: "#ffffff",
  danger: "#b42318",
  warning: "#b54708",
  success: "#067647",
};

export const fontFamily = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const s = {
  h1: { margin: "0 0 16px", fontSize: "20px", lineHeight: "28px", fontWeight: 700, color: colors.text },
  p: { margin: "0 0 16px", fontSize: "15px", lineHeight: "22px", color: colors.text },
  muted: { margin: "0 0 16px", fontSize: "13px", lineHeight: "20px", color: colors.muted },
  link: { color: colors.brand, textDecoration: "underline" },
  mono: { fontFamily: "SFMono-Regular, Consolas, 'Liberation Mono', Menlo, monospace", fontSize: "13px" },
  callout: {
    margin: "0 0 16px",
    padding: "12px 16px",
    background: "#fef3f2",
    borderLeft: `4px solid ${colors.danger}`,
    fontSize: "14px",
    lineHeight: "20px",
    color: colors.text,
    whiteSpace: "pre-wrap",
    wordBreak: "break-word",
  },
} satisfies Record<string, CSSProperties>;
