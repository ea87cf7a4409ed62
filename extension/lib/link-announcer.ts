/**
 * Makes sure the person gets the viewer link whatever Chrome does to the popup. Starting a tab
 * capture moves focus and Chrome closes the popup (on macOS always, on Linux since Chromium 156),
 * and Firefox's sharing tab takes focus the same way. So when a share goes live, or a new link is
 * made, the link goes to the clipboard, and a popup that is not open (or closes moments after
 * showing it) is reopened, or a notification says so. Decisions only: copying, reopening and
 * notifying come in as ports, the clock too.
 */

/** `switched`: a tab capture replaced the source; only the popup it closed comes back, no notification. */
export type Announcement = "live" | "new-link" | "switched";

export interface AnnouncerPorts {
  /** False when the person turned copying off in Options. */
  copyEnabled(): Promise<boolean>;
  /** Puts `text` on the clipboard; false when the browser refused. */
  copy(text: string): Promise<boolean>;
  /** Records in the share state which link is on the clipboard, so the popup can say so. */
  copied(viewerUrl: string): Promise<void>;
  /** Tells a person who has no popup: reopens it where the browser allows, else a notification (not for `switched`). */
  tell(announcement: Announcement, copied: boolean): Promise<void>;
  /** Takes back what `tell` left on screen (the notification) once the share is over. */
  withdraw(): Promise<void>;
  now(): number;
}

/**
 * A popup that closes this soon after showing the link was most likely closed by the capture's
 * focus change, not by the person (Chrome closes it about a second after the capture starts).
 */
export const CLOSED_BY_CAPTURE_MS = 2_500;

export function createLinkAnnouncer(ports: AnnouncerPorts) {
  let openPopups = 0;
  /** What the open popup showed, and when: told again if the popup vanishes right after. */
  let shown: { announcement: Announcement; copied: boolean; at: number } | undefined;

  const reach = async (announcement: Announcement, copied: boolean) => {
    if (openPopups > 0) shown = { announcement, copied, at: ports.now() };
    else await ports.tell(announcement, copied);
  };

  return {
    /** Copies the link (unless turned off) and makes sure the person hears of it. */
    async announce(announcement: Exclude<Announcement, "switched">, viewerUrl: string): Promise<boolean> {
      const copied = (await ports.copyEnabled()) && (await ports.copy(viewerUrl));
      if (copied) await ports.copied(viewerUrl);
      await reach(announcement, copied);
      return copied;
    },

    /** A tab capture replaced the source: its focus change may close the popup that asked for it. */
    switched: () => reach("switched", false),

    popupOpened(): void {
      openPopups += 1;
    },

    async popupClosed(): Promise<void> {
      openPopups = Math.max(0, openPopups - 1);
      if (openPopups > 0) return;
      const told = shown;
      shown = undefined;
      if (told && ports.now() - told.at < CLOSED_BY_CAPTURE_MS)
        await ports.tell(told.announcement, told.copied);
    },

    /** The share ended: nothing left to tell, and a "Beam is live" notification would be wrong. */
    async forget(): Promise<void> {
      shown = undefined;
      await ports.withdraw();
    },
  };
}

export type LinkAnnouncer = ReturnType<typeof createLinkAnnouncer>;
