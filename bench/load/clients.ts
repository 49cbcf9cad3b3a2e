import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { BenchUser } from '../setup/fixture.js';

/** The part of a `call` frame the bench reads. */
export interface CallFrame {
  type: 'call';
  call: { id: string; identifying: boolean; identity: { name: string; source: string } | null; phase: string; remoteNumber: string | null };
}

export type FrameListener = (user: BenchUser, frame: CallFrame, receivedAt: number) => void;

/**
 * One WebSocket per user, authenticated with the user's API token, as a browser tab or desktop
 * client would hold it open all day. Frames are timestamped the moment they arrive.
 */
export class ClientPool {
  private readonly sockets: WebSocket[] = [];
  private listener: FrameListener = () => {};
  frames = 0;
  closedByServer = 0;

  onFrame(listener: FrameListener): void {
    this.listener = listener;
  }

  async connect(baseUrl: string, users: readonly BenchUser[], parallel = 50): Promise<void> {
    const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws`;
    let next = 0;
    const worker = async () => {
      while (next < users.length) {
        const user = users[next++]!;
        this.sockets.push(await this.openOne(wsUrl, user));
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  private openOne(url: string, user: BenchUser): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { authorization: `Bearer ${user.token}` }, perMessageDeflate: false });
      let greeted = false;
      socket.on('message', (data: Buffer) => {
        const receivedAt = performance.now();
        this.frames++;
        const frame = JSON.parse(data.toString('utf8')) as { type: string };
        if (!greeted) {
          greeted = true;
          if (frame.type === 'hello') resolve(socket);
          else reject(new Error(`${user.username}: expected a hello frame, got ${JSON.stringify(frame).slice(0, 200)}`));
          return;
        }
        if (frame.type === 'call') this.listener(user, frame as CallFrame, receivedAt);
      });
      socket.once('error', (error) => {
        if (!greeted) reject(error);
      });
      socket.once('close', () => {
        if (!greeted) reject(new Error(`${user.username}: the socket closed before hello`));
        else this.closedByServer++;
      });
    });
  }

  get open(): number {
    return this.sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  async close(): Promise<void> {
    const closing = this.sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.removeAllListeners('close');
          socket.once('close', () => resolve());
          socket.close();
          setTimeout(() => {
            socket.terminate();
            resolve();
          }, 2000).unref();
        }),
    );
    await Promise.all(closing);
  }
}
