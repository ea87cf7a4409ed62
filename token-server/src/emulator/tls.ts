import { isIP } from "node:net";
import { generate } from "selfsigned";

export interface SelfSignedCertificate {
  certPem: string;
  keyPem: string;
}

/** A throwaway certificate for the emulator's host names, generated at start (valid one day). */
export async function selfSignedCertificate(hosts: string[]): Promise<SelfSignedCertificate> {
  const names = [...new Set(["localhost", "127.0.0.1", "::1", ...hosts])];
  const altNames = names.map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: hosts[0] ?? "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
