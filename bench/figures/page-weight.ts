/** Bytes a viewer downloads (the built viewer page and its assets) and the popup bundle, gzip-compressed. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type Figure, judge } from "../lib/figure";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const VIEWER_DIST = join(ROOT, "token-server/viewer/dist");
const EXTENSION = join(ROOT, ".output/chrome-mv3");

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** popup.html plus every script, stylesheet and module it pulls in, followed transitively. */
function popupBundle(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    const refs = file.endsWith(".html")
      ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)]
      : [...text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)];
    for (const [, ref] of refs) {
      if (!ref) continue;
      visit(ref.startsWith("/") ? join(EXTENSION, ref) : resolve(dirname(file), ref));
    }
  };
  visit(join(EXTENSION, "popup.html"));
  return [...seen];
}

export function pageWeightFigures(): Figure[] {
  const viewerFiles = filesUnder(VIEWER_DIST).filter((file) => !file.endsWith(".map"));
  const viewer = viewerFiles.reduce((sum, file) => sum + gzipBytes(file), 0);
  const popupFiles = popupBundle();
  const popup = popupFiles.reduce((sum, file) => sum + gzipBytes(file), 0);
  return [
    judge({
      id: "viewer_page_gzip_kb",
      label: "viewer page + assets (gzip)",
      value: viewer / 1024,
      unit: "KB",
      goal: { on: "value", op: "<=", target: 30, text: "≤ 30 KB" },
      note: `${viewerFiles.length} files in token-server/viewer/dist`,
    }),
    judge({
      id: "popup_bundle_gzip_kb",
      label: "popup bundle (gzip)",
      value: popup / 1024,
      unit: "KB",
      note: `popup.html and the ${popupFiles.length - 1} files it loads`,
    }),
  ];
}
