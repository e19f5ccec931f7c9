/** Delivery: webhooks with retries, exactly-once bookkeeping, the outbox and its queues. */
export {
  postWebhook,
  parseRetryAfter,
  backoffDelay,
  isRetryableStatus,
  type PostWebhookOptions,
  type DeliveryAttemptResult,
  type RenderedPayload,
  type Sleep,
} from './webhook';
export {
  TableDedupeStore,
  InMemoryDedupeStore,
  tableKeys,
  dedupeKeyString,
  DEFAULT_STALE_AFTER_MS,
  type DedupeStore,
  type DedupeKey,
  type ClaimResult,
} from './dedupe';
export {
  StorageQueueSender,
  InMemoryQueue,
  encodeQueueMessage,
  decodeQueueMessage,
  fitsInQueueMessage,
  MAX_QUEUE_MESSAGE_BYTES,
  type QueueSender,
  type QueueSendOptions,
} from './queue';
export {
  Outbox,
  buildOutboxMessage,
  outboxPayload,
  outboxDelaySeconds,
  asOutboxMessage,
  DEFAULT_OUTBOX_POLICY,
  type OutboxMessage,
  type OutboxEntry,
  type OutboxPolicy,
  type RenderFn,
} from './outbox';
export {
  deliverDiagnosis,
  alertIdentity,
  type DeliverDeps,
  type DeliveryReport,
  type DestinationOutcome,
  type DestinationStatus,
  type WebhookOptions,
} from './deliver';
export { retryOutboxMessage, parseOutboxMessage, type OutboxRetryDeps, type OutboxRetryOutcome } from './outboxRetry';
export { buildAlertMessage, readAlertMessage, enqueueAlert, type AlertQueueMessage, type AlertQueueEnvelope } from './alertMessage';
export { routeDiagnosis, matchesFilter } from './routing';
export { globMatch } from './glob';
export {
  FollowUps,
  InMemoryFollowUpStore,
  decideFollowUp,
  causeSignature,
  appKey,
  asFollowUp,
  type FollowUpPlan,
  type FollowUpPolicy,
  type FollowUpState,
  type FollowUpStore,
} from './followUp';
export { TableFollowUpStore } from './followUpTable';
