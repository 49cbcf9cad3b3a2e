/** Placeholder until the page is built. */
export function PhonebookPage() {
  return <h1>PhonebookPage</h1>;
}
