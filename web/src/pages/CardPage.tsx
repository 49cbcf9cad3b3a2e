/** Placeholder until the page is built. */
export function CardPage() {
  return <h1>CardPage</h1>;
}
