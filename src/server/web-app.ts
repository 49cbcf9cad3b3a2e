import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web app loads nothing from elsewhere and is framed by no one. WebSockets to our own host are
 * covered by 'self' in connect-src in current browsers; ringtones may be data: or blob: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** On every response, the API's too: a JSON error opened in a tab is a page like any other. */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
}

/** Vite names every file under assets/ by its content: it can be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const isDirectory = (dir: string): boolean => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

export interface WebApp {
  /** Serves the files and GET /; call once, at the root. */
  register(app: FastifyInstance): Promise<void>;
  /**
   * For the not-found handler: a browser navigating to a page of the app (/calls, /card/…) gets
   * index.html and the app's router takes over. True when it answered.
   */
  fallback(request: FastifyRequest, reply: FastifyReply): boolean;
}

/** The built web app (`npm run build:web`) from `webRoot`, or a note that it is not built. */
export function webApp(webRoot: string, banner: string): WebApp {
  const served = isDirectory(webRoot);
  const indexFile = path.join(webRoot, 'index.html');
  const assets = path.join(webRoot, 'assets') + path.sep;
  // Checked per request: a build made while the server runs is picked up without a restart.
  const built = () => served && existsSync(indexFile);
  const sendIndex = (reply: FastifyReply) => reply.code(200).header('cache-control', 'no-cache').sendFile('index.html');

  return {
    async register(app) {
      if (served) {
        await app.register(fastifyStatic, {
          root: webRoot,
          prefix: '/',
          index: false,
          dotfiles: 'ignore',
          cacheControl: false,
          setHeaders: (res, file) => res.setHeader('cache-control', file.startsWith(assets) ? IMMUTABLE : 'no-cache'),
        });
      }
      app.get('/', async (_request, reply) => {
        if (built()) return sendIndex(reply);
        reply.type('text/plain; charset=utf-8');
        return `${banner}\nThe web app is not built: run \`npm run build:web\` (it is served from ${webRoot}).\n`;
      });
    },

    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const pathname = request.url.split('?')[0]!;
      if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/assets/')) return false;
      if (!(request.headers.accept ?? '').includes('text/html') || !built()) return false;
      void sendIndex(reply);
      return true;
    },
  };
}
