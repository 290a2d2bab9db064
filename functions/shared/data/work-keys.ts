/**
 * What the work table's domains (recommendations, work plan, meetings, annual reports) share
 * about its keys: numbers padded so that sort keys order them.
 */

/** Six digits: numbers up to 999,999, far beyond a working group's lifetime. */
export const padNumber = (number: number): string => String(number).padStart(6, '0');
