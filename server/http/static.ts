/**
 * The built client from dist/: files by path (never outside dist/), index.html for anything
 * else that looks like a page (client-side routes such as /join/ABC123).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2", ".txt": "text/plain; charset=utf-8",
  ".map": "application/json", ".webmanifest": "application/manifest+json",
};

/**
 * The app page's policy: scripts, styles and the socket from this origin only (no inline script;
 * the `style` attributes Phaser and the panels set stay allowed), images also from `data:`/`blob:`
 * (the QR code, textures), no plugins, and no framing by another site (clickjacking the console).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function serveStatic(distDir: string, urlPath: string, req: IncomingMessage, res: ServerResponse): void {
  const root = resolve(distDir);
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return notFound(res);
  }
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return notFound(res);
  let target = existsSync(file) && statSync(file).isFile() ? file : "";
  if (!target && !extname(path)) target = join(root, "index.html");
  if (!target || !existsSync(target)) {
    if (path === "/index.html" || !extname(path)) {
      res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8" });
      return void res.end("The client has not been built yet: run `npm start` (it builds it) or `npm run build`.\n");
    }
    return notFound(res);
  }
  const hashed = target.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    "Content-Type": TYPES[extname(target)] ?? "application/octet-stream",
    "Cache-Control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    "X-Content-Type-Options": "nosniff",
    ...(extname(target) === ".html" ? { "Content-Security-Policy": APP_CSP, "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer" } : {}),
  });
  if (req.method === "HEAD") return void res.end();
  createReadStream(target).pipe(res);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("Not found\n");
}
