import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { buildReport, type ReportSession } from '../../domain/report.ts';
import { collectBytes } from './encode.ts';
import { renderReportPdf } from './report-pdf.ts';

function session(
  date: string,
  slot: 1 | 2 | 3 | 4,
  state: ReportSession['state'],
  focusMinutes = 0,
): ReportSession {
  return {
    localDate: date,
    slot,
    kind: slot === 4 ? 'admin' : 'personal',
    state,
    focusSeconds: state === 'completed' ? focusMinutes * 60 : null,
    isFlagged: false,
    loggedAfterwards: false,
    startedAt: state === 'completed' ? new Date(`${date}T08:00:00Z`) : null,
    overtimeSeconds: 0,
    outcome: state === 'completed' ? 'done' : null,
    mainTask:
      slot === 1 && state === 'completed'
        ? { type: 'feature', projectId: '00000000-0000-4000-8000-000000000001', projectName: 'Sync engine' }
        : null,
  };
}

async function pdfTextOf(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: true })).text;
}

describe('the PDF report', () => {
  it('shows the range, the key numbers, the breakdowns and the insights as text', async () => {
    const report = buildReport({
      range: { from: '2026-04-06', to: '2026-04-12', days: 7 },
      today: '2026-04-12',
      timeZone: 'UTC',
      currentStreak: { length: 3, includesToday: true, needsToday: false },
      sessions: [
        session('2026-04-06', 1, 'completed', 45),
        session('2026-04-06', 2, 'completed', 60),
        session('2026-04-06', 3, 'skipped'),
        session('2026-04-06', 4, 'completed', 30),
        session('2026-04-07', 1, 'completed', 90),
        session('2026-04-07', 2, 'planned'),
        session('2026-04-07', 3, 'planned'),
        session('2026-04-07', 4, 'skipped'),
      ],
      switches: [
        { localDate: '2026-04-06', reason: 'meeting' },
        { localDate: '2026-04-07', reason: 'own_idea' },
        { localDate: '2026-04-07', reason: 'meeting' },
      ],
    });
    const bytes = await collectBytes(
      renderReportPdf({
        report,
        insights: [
          {
            title: 'Sessions of 45 minutes end done most often',
            message: '7 of 9 ended done or progressed.',
            recommendation: 'Try planning 45 minutes — Grüße.',
          },
        ],
        generatedAt: new Date('2026-04-12T18:00:00Z'),
      }),
    );
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfTextOf(bytes);
    for (const expected of [
      'Deepsheet report',
      '6 Apr 2026 – 12 Apr 2026 · 7 days',
      'Sessions planned',
      '8',
      'Completion rate',
      '50%',
      'Focus, personal',
      '3 h 15 min',
      'Focus, admin',
      '30 min',
      'Current streak',
      '3 days',
      'Focus per day',
      'Sync engine',
      'Feature',
      'No main task',
      'Interruptions by reason',
      '3 in total',
      'Own idea',
      'Sessions of 45 minutes end done most often',
      'Try planning 45 minutes — Grüße.',
    ])
      expect(text).toContain(expected);
  });
});
