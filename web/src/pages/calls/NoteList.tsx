import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

export interface NoteItem {
  id: number;
  text: string;
  author: string | null;
  createdAt: number;
}

/** Notes as people wrote them: plain text, line breaks kept, with who and when. */
export function NoteList<N extends NoteItem>({ notes, empty, context }: { notes: N[]; empty: string; context?: (note: N) => ReactNode }) {
  const { t, dateTime } = useI18n();
  if (notes.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="note-list">
      {notes.map((note) => {
        const extra = context?.(note);
        return (
          <li key={note.id} className="note">
            <p className="note-meta muted">
              {t('calls.noteMeta', { author: note.author ?? t('calls.unknownAuthor'), time: dateTime(note.createdAt) })}
              {extra ? <> · {extra}</> : null}
            </p>
            <p className="note-text">{note.text}</p>
          </li>
        );
      })}
    </ul>
  );
}
