import type { Metadata } from "next";
import { THEME_SCRIPT } from "@/components/shell/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Roster", template: "%s · Roster" },
  description: "A fast, safe console for Webex administrators.",
  // public/: served as static files by the production build (scripts/start.mjs copies public/ beside the
  // standalone server); same origin, so the page CSP's img-src 'self' allows them.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    // The inline script sets the theme's class on <html> before the first paint (components/shell/theme.ts), so the
    // server's <html> differs from the browser's by that class: suppressHydrationWarning (this element only).
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
