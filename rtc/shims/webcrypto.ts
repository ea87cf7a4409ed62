/**
 * Stands in for `isomorphic-webcrypto`: the KVS SDK only uses it to sign URLs, and both the viewer
 * page and the extension's master get theirs presigned by the token server, so the browser's own
 * WebCrypto is more than enough (and the CommonJS shim's build warnings go with it).
 */
export default globalThis.crypto;
