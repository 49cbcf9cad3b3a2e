import { createHmac } from 'node:crypto';
import http from 'node:http';

/** One event in Switchboard's native webhook format (docs/webhooks.md). */
export interface NativeEvent {
  event: 'ringing' | 'answered' | 'ended' | 'missed';
  callId: string;
  direction: 'inbound';
  extension?: string;
  remoteNumber?: string;
  cause?: string;
}

/**
 * Posts events to the native webhook the way an integration would: a JSON body signed with
 * HMAC-SHA256 (the native default), over a keep-alive pool of at most `maxConnections`
 * connections (node:http's Agent). Requests beyond that wait for a free connection, and the
 * wait counts as latency.
 *
 * Why not fetch: Node's fetch opens a new connection for every request that finds none idle and
 * cannot be given a limit without the undici package. In a burst that overflows the server's
 * accept queue, and the dropped SYNs come back after TCP's 1 s / 3 s retransmission timeouts,
 * which measures the kernel, not Switchboard. It also costs the load generator about twice the
 * CPU and garbage per request, which shows up as noise in the popup timings. A PBX, or a proxy in
 * front of Switchboard, keeps a bounded pool like this one.
 */
export class WebhookSender {
  private readonly agent: http.Agent;
  private readonly target: { host: string; port: number; path: string };

  constructor(
    baseUrl: string,
    sourceName: string,
    private readonly secret: string,
    maxConnections = 64,
  ) {
    const url = new URL(`/api/v1/hooks/${encodeURIComponent(sourceName)}`, baseUrl);
    this.target = { host: url.hostname, port: Number(url.port), path: url.pathname };
    this.agent = new http.Agent({ keepAlive: true, maxSockets: maxConnections });
  }

  /** Resolves with the status once the answer is read; never rejects (network errors are status 0). */
  send(event: NativeEvent): Promise<number> {
    const body = JSON.stringify(event);
    const signature = createHmac('sha256', this.secret).update(body).digest('hex');
    return new Promise((resolve) => {
      const request = http.request(
        {
          ...this.target,
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-switchboard-signature': `sha256=${signature}`,
          },
        },
        (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode ?? 0));
          response.once('error', () => resolve(0));
        },
      );
      request.once('error', () => resolve(0));
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
