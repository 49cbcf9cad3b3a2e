/** Placeholder until the page is built. */
export function NumberingPage() {
  return <h1>NumberingPage</h1>;
}
