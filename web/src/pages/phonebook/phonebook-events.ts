/**
 * "The phonebook changed": the page says so after it wrote something, and lists elsewhere (speed
 * dial) read again. A module-level set is enough; it never leaves this browser tab.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onPhonebookChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function phonebookChanged(): void {
  for (const listener of [...listeners]) listener();
}
