/** Placeholder until the page is built. */
export function SourcesPage() {
  return <h1>SourcesPage</h1>;
}
