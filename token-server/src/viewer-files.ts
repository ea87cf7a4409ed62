import { readFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";

/** Read access to the built viewer page (`token-server/viewer/dist/`); `null` when a file is absent. */
export interface ViewerFiles {
  read(relativePath: string): Promise<Uint8Array | null>;
}

export function viewerFilesFromDir(dir: string): ViewerFiles {
  const root = normalize(dir) + sep;
  return {
    async read(relativePath) {
      const file = normalize(join(root, relativePath));
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
