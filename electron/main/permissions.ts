// Which browser permissions the kiosk window gets (Electron security checklist §5: handle
// permission requests): the camera for the portrait (DESIGN §14), for our own UI only, video only.
// Everything else (microphone, location, notifications, …) is refused. Pure, so it is tested
// without Electron.

export interface PermissionAsk {
  permission: string;
  /** The page asking (request handler: details.requestingUrl; check handler: the requesting origin). */
  url: string;
  /** For 'media': what it wants ('video', 'audio'); unknown when Electron does not say. */
  mediaTypes?: readonly string[];
}

export function allowPermission(ask: PermissionAsk, isOwnUrl: (url: string) => boolean): boolean {
  if (ask.permission !== 'media' || !isOwnUrl(ask.url)) return false;
  const types = ask.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}
