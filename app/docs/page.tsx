import type { Metadata } from "next";
import Script from "next/script";

export const metadata: Metadata = { title: "API reference" };

/**
 * The API reference: Swagger UI (swagger-ui-dist, from npm, served by /docs/assets) rendering
 * /api/openapi.json. Public, like the document itself: it describes the API, it holds no data.
 */
export default function DocsPage() {
  return (
    <>
      {/* eslint-disable-next-line @next/next/no-css-tags -- the renderer's own stylesheet, served from its npm package */}
      <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
      <div id="swagger-ui" data-testid="api-docs" className="rounded-lg bg-white" />
      <Script src="/docs/assets/swagger-ui-bundle.js" strategy="afterInteractive" id="swagger-ui-bundle" />
      <Script id="swagger-ui-init" strategy="afterInteractive">
        {`(function start(){ if (!window.SwaggerUIBundle) return setTimeout(start, 50);
          window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false, defaultModelsExpandDepth: 0 }); })();`}
      </Script>
    </>
  );
}
