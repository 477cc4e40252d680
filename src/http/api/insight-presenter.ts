import { z } from '@hono/zod-openapi';
import { INSIGHT_RULES, INSIGHT_SEVERITIES } from '../../domain/insights/index.ts';
import type { StoredInsight } from '../../services/insights.ts';
import { LocalDate, Timestamp } from './schemas.ts';

const EVIDENCE_UNITS = [
  'count',
  'minutes',
  'percent',
  'per-hour',
  'hour-of-day',
  'time-of-day',
  'days',
] as const;

export const InsightSchema = z
  .object({
    id: z.string(),
    rule: z.enum(INSIGHT_RULES),
    periodKey: LocalDate.openapi({
      description: 'The period it speaks of: the week’s first day, or the date for daily insights.',
    }),
    severity: z.enum(INSIGHT_SEVERITIES),
    title: z.string(),
    message: z.string(),
    recommendation: z.string(),
    evidence: z
      .array(
        z.object({
          key: z.string(),
          label: z.string(),
          value: z.number(),
          unit: z.enum(EVIDENCE_UNITS).openapi({
            description: "'hour-of-day' is 0..23; 'time-of-day' is minutes after local midnight.",
          }),
        }),
      )
      .openapi({ description: 'The numbers behind the insight.' }),
    computedAt: Timestamp,
    dismissedAt: Timestamp.nullable(),
  })
  .openapi('Insight');

export const InsightList = z.object({ items: z.array(InsightSchema) }).openapi('InsightList');

/** The fields of an insight that leave the server. */
export function presentInsight(insight: StoredInsight): z.infer<typeof InsightSchema> {
  return {
    id: insight.id,
    rule: insight.rule as z.infer<typeof InsightSchema>['rule'],
    periodKey: insight.periodKey,
    severity: insight.severity,
    title: insight.title,
    message: insight.message,
    recommendation: insight.recommendation,
    evidence: insight.evidence.map((e) => ({ key: e.key, label: e.label, value: e.value, unit: e.unit })),
    computedAt: insight.computedAt.toISOString(),
    dismissedAt: insight.dismissedAt?.toISOString() ?? null,
  };
}
