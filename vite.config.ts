import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The browser client. Root is client/ (client/index.html); the build lands in dist/, which the
 * game server serves at "/". Phaser goes to its own chunk and is loaded only when a table is
 * shown, so the home page stays small (tests/client/bundle.test.ts guards the sizes).
 */
export default defineConfig({
  root: "client",
  publicDir: false,
  resolve: {
    // The delegations' aims (secret ones included) stay out of the bundle: a replay gets them
    // from the server with the finished game (client/replay/aims.ts).
    alias: [{ find: /^\.\/minskWindowAims\.ts$/, replacement: fileURLToPath(new URL("./client/replay/aims.ts", import.meta.url)) }],
  },
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: "phaser", test: /node_modules[\\/]phaser[\\/]/, priority: 20 }],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    // In dev the socket goes straight to the game server on 2567 (net/Connection.ts endpoint());
    // the facilitator's report downloads are relative URLs, so they are proxied there.
    proxy: { "/api": "http://127.0.0.1:2567", "/healthz": "http://127.0.0.1:2567" },
  },
});
