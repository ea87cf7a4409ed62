/** The one identity test emulators verify signatures for, and the token secret test servers sign with. */
export const TEST_CREDENTIALS = { accessKeyId: "AKIDBEAMTEST", secretAccessKey: "beam-test-secret-key" };
export const TEST_TOKEN_SECRET = "test-token-secret-0123456789abcdef";
