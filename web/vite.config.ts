import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev:web` serves the app with hot reload and sends the API to a running server.
const api = process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      output: {
        // Libraries in chunks of their own: a new release of the app leaves them cached in the browser.
        manualChunks(id) {
          if (id.includes('/node_modules/libphonenumber-js/')) return 'phone-numbers';
          if (id.includes('/node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': { target: api, ws: true, changeOrigin: false } } },
});
