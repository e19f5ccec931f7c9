/** The essentials of the alert that started an enrichment, carried into the diagnosis untouched. */
export type MonitorCondition = 'Fired' | 'Resolved';

/** Which family of common-alert-schema payload this is. */
export type AlertKind = 'log-v2' | 'log-v1' | 'metric' | 'activity-log' | 'other';

export interface AlertSummary {
  alertId: string;
  alertRule?: string;
  severity?: string;
  signalType?: string;
  monitorCondition: MonitorCondition;
  monitoringService?: string;
  kind: AlertKind;
  firedDateTime?: string;
  resolvedDateTime?: string;
  description?: string;
  alertTargetIDs: string[];
  configurationItems: string[];
  investigationLink?: string;
  /** Link the alert itself carries to its search results in the portal, when it has one. */
  searchResultsLink?: string;
}
