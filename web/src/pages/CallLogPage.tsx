/** Placeholder until the page is built. */
export function CallLogPage() {
  return <h1>CallLogPage</h1>;
}
