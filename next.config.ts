import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `npm test` builds into .next-test, so it never replaces the build a running demo serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The worker and the simulators are separate Node processes; the web app
  // only needs these server packages at runtime, unbundled.
  serverExternalPackages: ["bullmq", "ioredis", "nodemailer", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
