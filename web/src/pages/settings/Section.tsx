import type { ReactNode } from 'react';

/**
 * A titled group of settings; its heading names the region, so each group can be found by name.
 * `named={false}` leaves the region unnamed where the title is also a field's label ("Language"):
 * finding the field by its label must not find the group as well.
 */
export function Section({ id, title, children, named = true }: { id: string; title: string; children: ReactNode; named?: boolean }) {
  return (
    <section className="settings-section card" aria-labelledby={named ? `${id}-title` : undefined}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
