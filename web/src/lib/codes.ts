import type { I18n, MessageKey } from '../i18n/i18n';

/** Words for the API's codes; an unknown code is shown as it is rather than hidden. */
const word = (t: I18n['t'], key: string, fallback: string): string => {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
};

export const outcomeText = (t: I18n['t'], outcome: string | null | undefined) => (outcome ? word(t, `codes.outcome_${outcome}`, outcome) : '');
export const causeText = (t: I18n['t'], cause: string | null | undefined) => (cause ? word(t, `codes.cause_${cause}`, cause) : '');
export const directionText = (t: I18n['t'], direction: string) => word(t, `codes.direction_${direction}`, direction);
export const phaseText = (t: I18n['t'], phase: string) => word(t, `codes.phase_${phase}`, phase);
export const visibilityText = (t: I18n['t'], visibility: string) => word(t, `codes.visibility_${visibility}`, visibility);
export const numberTypeText = (t: I18n['t'], type: string) => word(t, `codes.numberType_${type}`, type);
export const sourceText = (t: I18n['t'], source: string | null | undefined) => {
  if (!source) return '';
  const text = t(`codes.source_${source}` as MessageKey);
  return text === `codes.source_${source}` ? t('codes.source_other', { source }) : text;
};
