/**
 * The small slice of a Storage queue that delivery needs: send one JSON message, optionally invisible for
 * a while. The Functions host reads queue messages as base64 text by default (`messageEncoding` in
 * host.json), so that is what the Storage implementation writes; the trigger then hands the handler the
 * parsed JSON. The in-memory queue serves tests and the CLI.
 *
 * Storage caps a message at 64 KiB of (encoded) text. `fitsInQueueMessage` tells callers whether a
 * message fits; `gzipJson` / `gunzipJson` are the compression they use when it does not.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
// Type-only: loading the Storage SDK at import time costs ~70 ms of cold start for nothing (bench 3).
import type { QueueClient } from '@azure/storage-queue';
import { PayloadTooLargeError } from '../errors';

/** Largest message text Azure Storage queues accept, in bytes of the encoded text. */
export const MAX_QUEUE_MESSAGE_BYTES = 64 * 1024;

export interface QueueSendOptions {
  /** Keep the message invisible this long before anyone can dequeue it. At most 7 days. */
  visibilityTimeoutSeconds?: number;
  /** How long the message may live; -1 (default) never expires, so nothing is dropped silently. */
  timeToLiveSeconds?: number;
  signal?: AbortSignal;
}

export interface QueueSender {
  /** The queue's name, for logs. */
  readonly name: string;
  send(message: unknown, options?: QueueSendOptions): Promise<void>;
}

/** The text a message becomes on the wire: base64 of its JSON, as the Functions host expects. */
export function encodeQueueMessage(message: unknown): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

/**
 * The reverse, tolerant of what the Functions host hands a trigger: an already parsed object, the JSON
 * text, or (when read straight from the queue) base64 of the JSON.
 */
export function decodeQueueMessage(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (text.startsWith('{') || text.startsWith('[')) return JSON.parse(text);
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
}

export function fitsInQueueMessage(message: unknown, limit: number = MAX_QUEUE_MESSAGE_BYTES): boolean {
  // base64 grows 3 bytes into 4; computing it directly avoids building the encoded string.
  return Math.ceil(Buffer.byteLength(JSON.stringify(message), 'utf8') / 3) * 4 <= limit;
}

export function gzipJson(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 9 }).toString('base64');
}

export function gunzipJson(data: string): unknown {
  return JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
}

function clampVisibility(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  return Math.min(7 * 24 * 3600, Math.max(0, Math.round(seconds)));
}

export interface StorageQueueSenderOptions {
  /** Create the queue on first send (tolerates it existing). Default true. */
  createQueue?: boolean;
}

/** A QueueSender over `@azure/storage-queue`. */
export class StorageQueueSender implements QueueSender {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly client: QueueClient,
    private readonly options: StorageQueueSenderOptions = {},
  ) {}

  get name(): string {
    return this.client.name;
  }

  private ensureQueue(signal?: AbortSignal): Promise<void> {
    if (this.options.createQueue === false) return Promise.resolve();
    if (!this.ready) {
      this.ready = this.client
        .createIfNotExists({ abortSignal: signal })
        .then(() => undefined)
        .catch((err: unknown) => {
          this.ready = undefined;
          // 409 QueueAlreadyExists; read from the error's shape so the SDK's RestError class need not be loaded.
          if ((err as { statusCode?: unknown } | undefined)?.statusCode !== 409) throw err;
        });
    }
    return this.ready;
  }

  async send(message: unknown, options: QueueSendOptions = {}): Promise<void> {
    const text = encodeQueueMessage(message);
    if (Buffer.byteLength(text) > MAX_QUEUE_MESSAGE_BYTES) {
      throw new PayloadTooLargeError(`Message for queue ${this.name} is larger than 64 KiB after encoding.`, {
        context: { queue: this.name, bytes: Buffer.byteLength(text) },
      });
    }
    await this.ensureQueue(options.signal);
    await this.client.sendMessage(text, {
      visibilityTimeout: clampVisibility(options.visibilityTimeoutSeconds),
      messageTimeToLive: options.timeToLiveSeconds ?? -1,
      abortSignal: options.signal,
    });
  }
}

export interface InMemoryQueueMessage {
  id: number;
  /** The message as the trigger would receive it (parsed JSON). */
  body: unknown;
  visibleAt: number;
  dequeueCount: number;
}

/** A queue in process memory. `receive` hides what it returns until `complete` or the visibility lapses. */
export class InMemoryQueue implements QueueSender {
  readonly messages: InMemoryQueueMessage[] = [];
  private nextId = 1;

  constructor(
    readonly name: string,
    private readonly now: () => number = Date.now,
  ) {}

  async send(message: unknown, options: QueueSendOptions = {}): Promise<void> {
    if (!fitsInQueueMessage(message)) {
      throw new PayloadTooLargeError(`Message for queue ${this.name} is larger than 64 KiB after encoding.`, {
        context: { queue: this.name },
      });
    }
    this.messages.push({
      id: this.nextId++,
      // A round trip through JSON, as the real queue would do, so no live references leak through.
      body: JSON.parse(JSON.stringify(message)),
      visibleAt: this.now() + (clampVisibility(options.visibilityTimeoutSeconds) ?? 0) * 1000,
      dequeueCount: 0,
    });
  }

  receive(max = 32, visibilityTimeoutSeconds = 30): InMemoryQueueMessage[] {
    const now = this.now();
    const out = this.messages.filter((m) => m.visibleAt <= now).slice(0, max);
    for (const m of out) {
      m.dequeueCount++;
      m.visibleAt = now + visibilityTimeoutSeconds * 1000;
    }
    return out;
  }

  complete(id: number): void {
    const i = this.messages.findIndex((m) => m.id === id);
    if (i >= 0) this.messages.splice(i, 1);
  }

  get length(): number {
    return this.messages.length;
  }
}
