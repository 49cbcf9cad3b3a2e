/** Placeholder until the speed-dial panel is built. */
export function SpeedDialPanel() {
  return null;
}
