import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the next request for an operation, instead of (or before) forwarding it. */
export type Fault =
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly type: string;
      readonly message: string;
      readonly extra?: Record<string, unknown>;
    }
  /** Forward the request, but answer only after `ms` (the write happens; the caller may time out). */
  | { readonly kind: 'slow'; readonly ms: number }
  /** Drop the connection without an answer. */
  | { readonly kind: 'reset' };

/** One request the proxy captured, with its answer. */
export interface CapturedCall {
  readonly operation: string;
  readonly body: string;
  answer: string;
  readonly round: number;
}

/**
 * A DynamoDB endpoint between the SDK and DynamoDB Local that injects faults per operation
 * (`TransactWriteItems`, `BatchGetItem`, …) and counts what it receives. The SDK meets real HTTP
 * failures, so its own retries, timeouts and idempotency tokens take part in the test.
 */
export class FaultProxy {
  readonly received: string[] = [];
  /**
   * What each request asked for, when `capture` is on: its operation, its JSON body, the answer's
   * body, and its round (how many captured requests had been answered when it arrived: requests
   * sent together share a round).
   */
  readonly captured: CapturedCall[] = [];
  private answered = 0;
  capture = false;
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | undefined;
  private target: URL;

  constructor(target: string) {
    this.target = new URL(target);
  }

  /** Injects these faults, in order, into the next requests for `operation`. */
  inject(operation: string, ...faults: Fault[]): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), ...faults]);
  }

  clear(): void {
    this.faults.clear();
    this.received.length = 0;
    this.captured.length = 0;
    this.answered = 0;
  }

  /** Starts listening, on `port` if given (to come back on the same address after `stop`). */
  async start(port = 0): Promise<string> {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => void this.handle(incoming, Buffer.concat(chunks), outgoing));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private async handle(
    incoming: IncomingMessage,
    body: Buffer,
    outgoing: import('node:http').ServerResponse,
  ): Promise<void> {
    const operation =
      String(incoming.headers['x-amz-target'] ?? '')
        .split('.')
        .at(-1) ?? '';
    this.received.push(operation);
    const captured: CapturedCall | undefined = this.capture
      ? { operation, body: body.toString('utf8'), answer: '', round: this.answered }
      : undefined;
    if (captured) this.captured.push(captured);
    const fault = this.faults.get(operation)?.shift();
    if (fault?.kind === 'reset') {
      incoming.socket.destroy();
      return;
    }
    if (fault?.kind === 'error') {
      const payload = JSON.stringify({
        __type: `com.amazonaws.dynamodb.v20120810#${fault.type}`,
        message: fault.message,
        ...fault.extra,
      });
      outgoing.writeHead(fault.status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': fault.type,
      });
      outgoing.end(payload);
      return;
    }
    const upstream = forward(
      {
        host: this.target.hostname,
        port: this.target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      async (response) => {
        const answer: Buffer[] = [];
        for await (const chunk of response) answer.push(chunk as Buffer);
        if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (outgoing.destroyed) return;
        if (captured) {
          captured.answer = Buffer.concat(answer).toString('utf8');
          this.answered += 1;
        }
        outgoing.writeHead(response.statusCode ?? 500, response.headers);
        outgoing.end(Buffer.concat(answer));
      },
    );
    upstream.on('error', () => outgoing.destroy());
    upstream.end(body);
  }
}
