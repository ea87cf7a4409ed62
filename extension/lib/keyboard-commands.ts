/** The extension's keyboard shortcuts (manifest `commands`), by name, and what each one does. */
export const COMMANDS = { "stop-share": "stop", "toggle-pause": "toggle-pause" } as const;

export type CommandAction = (typeof COMMANDS)[keyof typeof COMMANDS];

export function commandAction(command: string): CommandAction | null {
  return Object.hasOwn(COMMANDS, command) ? COMMANDS[command as keyof typeof COMMANDS] : null;
}
