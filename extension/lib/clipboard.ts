/**
 * Writes text to the clipboard from a page that may not have focus: Chrome's offscreen document
 * never has it (its `CLIPBOARD` reason allows `execCommand("copy")`, as Chrome's offscreen docs show),
 * and Firefox's sharing tab may have lost it. The async Clipboard API needs focus, so it is only tried
 * where the page has it; `clipboardWrite` lets an extension page copy without a user gesture.
 */
export async function writeClipboard(text: string): Promise<void> {
  if (document.hasFocus()) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Focus can go between the check and the write; the textarea path below needs none.
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("The browser refused to write the clipboard");
}
