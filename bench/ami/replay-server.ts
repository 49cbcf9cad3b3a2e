// The AMI bench's Asterisk: a child process (so it does not take the measured client's core)
// that answers like Asterisk 22 on 127.0.0.1 and, when a client asks for it, sends the looped
// recordings as fast as the socket takes them. Started by replay-process.ts, which it tells its
// port and what the stream holds over the IPC channel; it exits when that channel closes.
//
// Per connection: the banner, `Response: Success` to Login (any user and secret), then on the
// action `BenchStream` its response followed by the whole pre-built stream and END_FRAME.
// The clients start their clock just before they send BenchStream, so the login is not timed.

import net from 'node:net';
import { ROOT } from '../paths.js';
import { buildReplayStream, readRecording, recordingFiles } from './recordings.js';
import { STREAM_ACTION, type ReplayReady } from './replay-protocol.js';

function reply(fields: Record<string, string>): string {
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}\r\n`)
    .join('')}\r\n`;
}

/** Action frames from a client: keys lower-cased (asterisk-manager writes `Action: login`). */
function serve(socket: net.Socket, stream: Buffer): void {
  let pending = '';
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  socket.write('Asterisk Call Manager/11.0.0\r\n');
  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    for (let end = /\r?\n\r?\n/.exec(pending); end !== null; end = /\r?\n\r?\n/.exec(pending)) {
      const frame = pending.slice(0, end.index);
      pending = pending.slice(end.index + end[0].length);
      const fields = new Map<string, string>();
      for (const line of frame.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const action = (fields.get('action') ?? '').toLowerCase();
      const actionId = fields.get('actionid') ?? '';
      if (action === 'login') {
        socket.write(reply({ Response: 'Success', ActionID: actionId, Message: 'Authentication accepted' }));
      } else if (action === STREAM_ACTION.toLowerCase()) {
        socket.write(reply({ Response: 'Success', ActionID: actionId, Message: 'Stream follows' }));
        // One write: node hands the kernel as much as the socket buffer takes, then the rest as it drains.
        socket.write(stream);
      } else if (action === 'logoff') {
        socket.end(reply({ Response: 'Goodbye', ActionID: actionId, Message: 'Thanks for all the fish.' }));
      } else if (action === 'ping') {
        socket.write(reply({ Response: 'Success', ActionID: actionId, Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) }));
      } else {
        socket.write(reply({ Response: 'Error', ActionID: actionId, Message: 'Invalid/unknown command' }));
      }
    }
  });
}

function main(): void {
  const minEvents = Number(process.argv[2]);
  if (!Number.isFinite(minEvents) || minEvents < 1 || !process.send) {
    process.stderr.write('replay-server: start it with replay-process.ts (needs an event count and an IPC channel)\n');
    process.exit(2);
  }
  const files = recordingFiles(ROOT);
  const stream = buildReplayStream(files.map(readRecording), minEvents);
  const server = net.createServer((socket) => serve(socket, stream.bytes));
  server.listen(0, '127.0.0.1', () => {
    const ready: ReplayReady = {
      type: 'ready',
      port: (server.address() as net.AddressInfo).port,
      events: stream.events,
      loops: stream.loops,
      eventsPerLoop: stream.eventsPerLoop,
      bytes: stream.bytes.length,
      byName: stream.byName,
      recordings: files.length,
    };
    process.send!(ready);
  });
  // The parent went away (or is done): nothing left to serve.
  process.on('disconnect', () => process.exit(0));
}

main();
