import type { Config } from "tailwindcss";

// Loaded from app/globals.css with @config. The palette is deliberately small and calm; the brand colours are CSS
// variables in app/globals.css (@theme), so that the dark theme can remap them.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
      },
    },
  },
};
export default config;
