/**
 * Stands in for `isomorphic-webcrypto`: the SDK only uses it to sign URLs, and the viewer gets its
 * URL presigned by the token server, so the browser's own WebCrypto is more than enough.
 */
export default globalThis.crypto;
