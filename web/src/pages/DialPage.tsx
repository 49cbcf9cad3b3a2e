/** Placeholder until the page is built. */
export function DialPage() {
  return <h1>DialPage</h1>;
}
