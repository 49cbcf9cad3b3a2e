import { fillUrlTemplate, URL_PLACEHOLDERS } from '../../lib/url-template';

/** Sample call data for the template preview: clearly made up, with a space and a "+" to show the encoding. */
export const SAMPLE_CALL = { callerName: 'Kari Nordmann', callerNumber: '+4722334455', called: '+4721000000' };

export const PLACEHOLDERS = URL_PLACEHOLDERS;

/** The URL the popup would open for the sample call; null when the template gives no http(s) address. */
export const previewUrl = (template: string): string | null => fillUrlTemplate(template, SAMPLE_CALL);
