import { Agent } from "node:https";
import { KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import { KinesisVideoSignalingClient } from "@aws-sdk/client-kinesis-video-signaling";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

export interface KvsConnection {
  region: string;
  /** Control-plane endpoint override (the emulator); AWS's regional endpoint when absent. */
  endpoint?: string;
  /** Static credentials (the emulator's); the SDK's default chain (env, profile, IAM role) when absent. */
  credentials?: AwsCredentialIdentity;
  /**
   * Where signaling-service calls (GetIceServerConfig) go instead of the HTTPS endpoint KVS returns.
   * For the embedded emulator, which serves both APIs on one port but advertises a host for other devices.
   */
  signalingEndpoint?: string;
  /** Extra CA to trust, for an emulator serving a self-signed certificate. */
  caPem?: string;
}

export interface KvsClients {
  control: KinesisVideoClient;
  /** One signaling client per HTTPS endpoint, created on first use. */
  signaling(httpsEndpoint: string): KinesisVideoSignalingClient;
  /** The control client's resolved (memoized) credential provider, shared for presigning. */
  credentials: AwsCredentialIdentityProvider;
  destroy(): void;
}

/**
 * Builds the SDK clients once. AWS and the emulator share this path; only the endpoint and the
 * credential source differ. SDK retries are off because `retry.ts` owns the policy.
 */
export function createKvsClients(connection: KvsConnection): KvsClients {
  const requestHandler = {
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    ...(connection.caPem ? { httpsAgent: new Agent({ ca: connection.caPem, keepAlive: true }) } : {}),
  };
  const control = new KinesisVideoClient({
    region: connection.region,
    maxAttempts: 1,
    requestHandler,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
  });
  const credentials = control.config.credentials;
  const signalingClients = new Map<string, KinesisVideoSignalingClient>();
  return {
    control,
    credentials,
    signaling(httpsEndpoint) {
      let client = signalingClients.get(httpsEndpoint);
      if (!client) {
        client = new KinesisVideoSignalingClient({
          region: connection.region,
          endpoint: connection.signalingEndpoint ?? httpsEndpoint,
          credentials,
          maxAttempts: 1,
          requestHandler,
        });
        signalingClients.set(httpsEndpoint, client);
      }
      return client;
    },
    destroy() {
      control.destroy();
      for (const client of signalingClients.values()) client.destroy();
      signalingClients.clear();
    },
  };
}
