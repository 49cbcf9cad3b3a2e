import { useCallback } from 'react';
import { useSession } from '../app/session';
import { formatNumber } from './phone-format';

/** Formats numbers for the numbering region the server is set up for. */
export function useFormatNumber(): (number: string) => string {
  const { region } = useSession();
  return useCallback((number: string) => formatNumber(number, region), [region]);
}
