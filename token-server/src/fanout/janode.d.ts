/** The part of janode (Meetecho's Janus client for Node; it ships no types) that Beam uses. */
declare module "janode" {
  export interface ServerAddress {
    url: string;
    token?: string;
  }
  export interface JanodeConnection {
    create(keepaliveSeconds?: number): Promise<JanodeSession>;
    close(): Promise<void>;
  }
  export interface JanodeSession {
    attach<H>(plugin: { id: string; Handle: new (...args: never[]) => H }): Promise<H>;
    destroy(): Promise<void>;
  }
  const Janode: {
    Logger: { setLevel(level: "none" | "error" | "warning" | "info" | "verbose" | "debug"): string };
    connect(config: {
      address: ServerAddress;
      retry_time_secs?: number;
      max_retries?: number;
    }): Promise<JanodeConnection>;
  };
  export default Janode;
}

declare module "janode/plugins/videoroom" {
  export interface VideoRoomHandle {
    create(params: {
      room: string;
      description?: string;
      max_publishers?: number;
      is_private?: boolean;
      secret?: string;
      pin?: string;
      admin_key?: string;
      bitrate?: number;
      fir_freq?: number;
      videocodec?: string;
      require_pvtid?: boolean;
    }): Promise<{ room: string }>;
    destroy(params: { room: string; secret?: string }): Promise<{ room: string }>;
    exists(params: { room: string }): Promise<{ room: string; exists: boolean }>;
    kick(params: { room: string; feed: string; secret?: string }): Promise<{ room: string; feed: string }>;
    detach(): Promise<void>;
  }
  const VideoRoomPlugin: { id: string; Handle: new (...args: never[]) => VideoRoomHandle };
  export default VideoRoomPlugin;
}
