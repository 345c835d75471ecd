/**
 * The working calendar every working-time deadline of the standards counts in: Moscow office
 * hours, Monday to Friday 09:00-18:00, without the Russian public holidays of 2026.
 */
import type { Calendar } from "@voronka/engine";

/** The id of the standards' default calendar. */
export const CALENDAR_ID = "moscow-office";

/**
 * Weekdays that are not worked in Russia in 2026 (Labour Code art. 112 and Government decree
 * No. 1466 of 24 September 2025 on moving days off): the New Year holidays with 9 January (moved
 * from Saturday 3 January), 23 February, 9 March (8 March is a Sunday), 1 May, 11 May (9 May is a
 * Saturday), 12 June, 4 November and 31 December (moved from Sunday 4 January). Holidays that
 * fall on a weekend are not listed: weekends are not working days anyway. Shortened pre-holiday
 * days (30 April, 8 May, 11 June, 3 November) are worked in full here: a calendar has one set of hours.
 */
export const RUSSIAN_HOLIDAYS_2026: readonly string[] = [
  "2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
  "2026-02-23",
  "2026-03-09",
  "2026-05-01", "2026-05-11",
  "2026-06-12",
  "2026-11-04",
  "2026-12-31",
];

/** Moscow office hours: Mon-Fri 09:00-18:00, Europe/Moscow, Russian public holidays of 2026 off. */
export const moscowOfficeCalendar: Calendar = {
  id: CALENDAR_ID,
  timeZone: "Europe/Moscow",
  workingDays: [1, 2, 3, 4, 5],
  hours: { from: "09:00", to: "18:00" },
  holidays: [...RUSSIAN_HOLIDAYS_2026],
};
