/** Placeholder until the page is built. */
export function UsersPage() {
  return <h1>UsersPage</h1>;
}
