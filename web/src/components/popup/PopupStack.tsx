/** Placeholder until the popups are built. */
export function PopupStack() {
  return null;
}
