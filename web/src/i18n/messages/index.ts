/** Every namespace of messages; a key is written "namespace.key". Each feature owns its file. */
import { admin } from './admin';
import { auth } from './auth';
import { calls } from './calls';
import { card } from './card';
import { codes } from './codes';
import { common } from './common';
import { panel } from './panel';
import { phonebook } from './phonebook';
import { popup } from './popup';
import { settings } from './settings';
import { shell } from './shell';
import { supervise } from './supervise';

export const namespaces = { admin, auth, calls, card, codes, common, panel, phonebook, popup, settings, shell, supervise };
