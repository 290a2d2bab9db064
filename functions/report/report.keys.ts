/**
 * Keys of the published annual reports in the work table, built here and nowhere else.
 *
 * | item             | pk     | sk      | index attributes |
 * | ---------------- | ------ | ------- | ---------------- |
 * | published report | REPORT | <2024>  | none             |
 *
 * A draft is never stored: it is computed when asked. `annualReports` is one Query of the
 * `REPORT` partition, newest first; publishing puts the year's item on condition that it does
 * not exist, so a year is published once.
 */

import type { ItemKey } from '../shared/data/dynamo.ts';

export const reportsPartition = 'REPORT';
export const reportKey = (year: number): ItemKey => ({ pk: reportsPartition, sk: String(year) });
