import { useCallback, useState } from 'react';
import {
  canUnregister,
  handlerSupport,
  registerDialHandlers,
  requestedSchemes,
  unregisterDialHandlers,
  type HandlerScheme,
  type RegisterResult,
} from '../../lib/protocol-handler';

/** Whether this browser hands phone links to Switchboard, as far as it can be known. */
export function usePhoneLinks() {
  const [requested, setRequested] = useState<HandlerScheme[]>(requestedSchemes);
  const [result, setResult] = useState<RegisterResult | null>(null);
  const register = useCallback(() => {
    const outcome = registerDialHandlers();
    setResult(outcome);
    setRequested(requestedSchemes());
    return outcome;
  }, []);
  const unregister = useCallback(() => {
    unregisterDialHandlers();
    setResult(null);
    setRequested([]);
  }, []);
  return { support: handlerSupport(), canUnregister: canUnregister(), requested, result, register, unregister };
}

export type PhoneLinks = ReturnType<typeof usePhoneLinks>;
