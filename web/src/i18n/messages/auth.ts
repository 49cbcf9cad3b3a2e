import type { Messages } from '../catalog';

const en = {
  title: 'Sign in to Switchboard',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  wrong: 'Wrong username or password.',
  rateLimited: 'Too many failed attempts. Wait a moment and try again.',
  expired: 'Your session has ended. Please sign in again.',
  language: 'Language',
};

export const auth: Messages<typeof en> = {
  en,
  nb: {
    title: 'Logg inn i Switchboard',
    username: 'Brukernavn',
    password: 'Passord',
    signIn: 'Logg inn',
    signingIn: 'Logger inn…',
    wrong: 'Feil brukernavn eller passord.',
    rateLimited: 'For mange mislykkede forsøk. Vent litt og prøv igjen.',
    expired: 'Økten din er avsluttet. Logg inn på nytt.',
    language: 'Språk',
  },
  de: {
    title: 'Bei Switchboard anmelden',
    username: 'Benutzername',
    password: 'Passwort',
    signIn: 'Anmelden',
    signingIn: 'Anmeldung läuft…',
    wrong: 'Benutzername oder Passwort falsch.',
    rateLimited: 'Zu viele Fehlversuche. Bitte warten Sie einen Moment.',
    expired: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    language: 'Sprache',
  },
  it: {
    title: 'Accedi a Switchboard',
    username: 'Nome utente',
    password: 'Password',
    signIn: 'Accedi',
    signingIn: 'Accesso in corso…',
    wrong: 'Nome utente o password errati.',
    rateLimited: 'Troppi tentativi falliti. Attendi un momento e riprova.',
    expired: 'La sessione è scaduta. Accedi di nuovo.',
    language: 'Lingua',
  },
};
