/** Placeholder until the search/dial box is built. */
export function SearchDial() {
  return null;
}
