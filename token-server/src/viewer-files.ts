import { readFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";

/** Read access to the built viewer page (`token-server/viewer/dist/`); `null` when a file is absent. */
export interface ViewerFiles {
  read(relativePath: string): Promise<Uint8Array | null>;
}

export function viewerFilesFromDir(dir: string): ViewerFiles {
  // resolve() drops a trailing separator, so the containment check below works for "dist" and "dist/".
  const root = resolve(dir) + sep;
  return {
    async read(relativePath) {
      const file = resolve(join(root, relativePath));
      if (!file.startsWith(root)) return null; // no escaping the dist directory
      try {
        return await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return null;
        throw error;
      }
    },
  };
}
