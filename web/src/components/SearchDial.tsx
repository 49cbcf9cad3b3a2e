import { useEffect, useId, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ContactView } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { numberTypeText } from '../lib/codes';
import { useDial } from '../lib/dial';
import { cardNumber, cardPath, dialable, looksLikeNumber } from '../pages/phonebook/contact-rules';
import { useContactSearch } from './search/use-contact-search';
import './search/search-dial.css';

/**
 * The top bar's one box: type a name to find a contact, or a number to call it. A combobox with
 * its results in a floating list (ARIA 1.2 pattern; focus stays in the input).
 */
export function SearchDial() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const dial = useDial();
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useContactSearch(text);
  const results = search.results;
  const number = looksLikeNumber(text) ? text.trim() : null;

  // New results: nothing is highlighted, so Enter still dials what was typed.
  useEffect(() => setActive(-1), [results]);
  useEffect(() => {
    if (active >= 0) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const finish = () => {
    close();
    setText('');
  };

  const openContact = (contact: ContactView) => {
    const card = cardNumber(contact, session.preferences.cardNumberType);
    finish();
    navigate(card ? cardPath(card) : `/phonebook?contact=${contact.id}`);
  };

  const call = async (target: string) => {
    close();
    const typed = text;
    // Clear the box once the call is placed, unless the user has typed something new meanwhile.
    if (await dial(target)) setText((now) => (now === typed ? '' : now));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (results.length > 0) setActive((a) => (a + 1 >= results.length ? 0 : a + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (results.length > 0) setActive((a) => (a <= 0 ? results.length - 1 : a - 1));
        break;
      case 'Escape':
        if (open) close();
        else setText('');
        event.preventDefault();
        break;
      case 'Enter': {
        const highlighted = open && active >= 0 ? results[active] : undefined;
        if (highlighted) {
          event.preventDefault();
          openContact(highlighted);
        } else if (number) {
          event.preventDefault();
          void call(number);
        }
        break;
      }
    }
  };

  // Leaving the whole widget (Tab away, click elsewhere) closes the list; moving within it does not.
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) close();
  };

  const trimmed = text.trim();
  const expanded = open && trimmed !== '';
  const showList = expanded && results.length > 0;
  const settled = !search.pending && search.answered === trimmed;

  return (
    <div className="search-dial" onBlur={onBlur}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('phonebook.searchOrDial')}
      </label>
      <input
        id={`${id}-input`}
        className="search-dial-input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        placeholder={t('phonebook.searchOrDial')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className="search-dial-call"
        aria-label={t('common.call')}
        title={number ? t('common.callNumber', { number }) : t('phonebook.typeNumberToCall')}
        disabled={!number}
        onClick={() => number && void call(number)}
      >
        <span aria-hidden="true">☎</span>
      </button>
      {/* The popup never takes focus, so mouse presses in it must not blur the input either. */}
      <div className="search-dial-popup" hidden={!expanded} onMouseDown={(e) => e.preventDefault()}>
        <ul id={listId} role="listbox" aria-label={t('phonebook.searchResults')} className="search-dial-list">
          {results.map((contact, index) => (
            <li key={contact.id} role="presentation" className={index === active ? 'search-dial-item active' : 'search-dial-item'}>
              <div
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className="search-dial-option"
                onClick={() => openContact(contact)}
                onMouseMove={() => active !== index && setActive(index)}
              >
                <span className="search-dial-name">{contact.name}</span>
                {contact.company && <span className="search-dial-company">{contact.company}</span>}
              </div>
              {contact.numbers.length > 0 && (
                <ul className="search-dial-numbers">
                  {contact.numbers.map((n, i) => (
                    <li key={i}>
                      <span className="search-dial-type">{numberTypeText(t, n.type)}</span>
                      <button type="button" className="search-dial-number" aria-label={t('common.callNumber', { number: n.raw })} onClick={() => void call(dialable(n))}>
                        <span aria-hidden="true">☎ </span>
                        {n.raw}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        {expanded && results.length === 0 && (
          <p className="search-dial-note">{!settled ? t('phonebook.searching') : search.failed ? t('phonebook.searchFailed') : t('phonebook.noMatches')}</p>
        )}
        {expanded && number && active < 0 && <p className="search-dial-note search-dial-hint">{t('phonebook.enterToCall', { number })}</p>}
      </div>
      <span className="visually-hidden" role="status">
        {expanded && settled && !search.failed ? t('phonebook.resultCount', { count: results.length }) : ''}
      </span>
    </div>
  );
}
