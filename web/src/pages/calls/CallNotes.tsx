import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useToast } from '../../lib/toast';
import { useFetch } from '../../lib/use-fetch';
import { NoteList, type NoteItem } from './NoteList';

/** The notes on one call and a form to add one; `onChange` hears the new count. */
export function CallNotes({ callId, onChange }: { callId: string; onChange?: (count: number) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const textId = useId();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const path = `/calls/${encodeURIComponent(callId)}/notes`;
  const notes = useFetch(path, async (key) => {
    const reply = await api.get<{ notes: NoteItem[] }>(key);
    onChange?.(reply.notes.length);
    return reply.notes;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSaving(true);
    try {
      await api.post(path, { text });
      setText('');
      toast.show(t('calls.noteSaved'));
      await notes.reload();
    } catch (error) {
      toast.show(errorText(error, i18n), 'error');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="call-notes">
      {notes.error ? (
        <p className="error" role="alert">
          {errorText(notes.error, i18n)}
        </p>
      ) : notes.data ? (
        <NoteList notes={notes.data} empty={t('calls.noNotes')} />
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      <form className="note-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={textId}>{t('calls.addNote')}</label>
        <textarea id={textId} value={text} maxLength={5000} rows={3} required onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="primary" disabled={saving || !text.trim()}>
          {t('calls.saveNote')}
        </button>
      </form>
    </div>
  );
}
