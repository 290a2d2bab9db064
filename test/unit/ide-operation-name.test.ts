import { describe, expect, it } from 'vitest';
import { operationToRun } from '../../infra/local/ide/browser/api.ts';

describe("the IDE's operation name", () => {
  it('sends the name given when it names an operation of the document', () => {
    expect(operationToRun('query A { a } query B { b }', 'B')).toBe('B');
    expect(operationToRun('query A { a }', 'A')).toBe('A');
  });

  it("runs a document's one operation when the name given is the tab before's, or none", () => {
    expect(operationToRun('query DraftAnnualReport { a }', 'CoChairs')).toBe('DraftAnnualReport');
    expect(operationToRun('{ a }', 'CoChairs')).toBeUndefined();
    expect(operationToRun('query A { a }', null)).toBe('A');
    expect(operationToRun('query A { a }', undefined)).toBe('A');
  });

  it('leaves the server to refuse several operations without a name that fits, and what does not parse', () => {
    expect(operationToRun('query A { a } query B { b }', 'C')).toBe('C');
    expect(operationToRun('query A { a } query B { b }', null)).toBeUndefined();
    expect(operationToRun('query A { a', 'A')).toBe('A');
    expect(operationToRun('query A { a', null)).toBeUndefined();
  });
});
